using System.Runtime.InteropServices;

namespace Cairn.Bases;

/// <summary>The architectures cairn names, as Debian and rockcraft.yaml spell them (<c>amd64</c>, <c>arm64</c>).</summary>
public static class DebianArchitecture
{
    // Oci: the name an OCI image's platform uses (Go's GOARCH), which differs from Debian's for three of them.
    private static readonly (string Name, string Triplet, string Oci, Architecture? Machine)[] Table =
    [
        ("amd64", "x86_64-linux-gnu", "amd64", Architecture.X64),
        ("arm64", "aarch64-linux-gnu", "arm64", Architecture.Arm64),
        ("armhf", "arm-linux-gnueabihf", "arm", Architecture.Arm),
        ("i386", "i386-linux-gnu", "386", Architecture.X86),
        ("ppc64el", "powerpc64le-linux-gnu", "ppc64le", Architecture.Ppc64le),
        ("riscv64", "riscv64-linux-gnu", "riscv64", Architecture.RiscV64),
        ("s390x", "s390x-linux-gnu", "s390x", Architecture.S390x),
    ];

    /// <summary>Every architecture <c>platforms</c> may name.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Table.Select(a => a.Name)];

    /// <summary>The architecture of the machine cairn runs on.</summary>
    public static string Host { get; } = Of(RuntimeInformation.OSArchitecture);

    /// <summary>The Debian multiarch triplet of <paramref name="name"/> (<c>x86_64-linux-gnu</c> for amd64).</summary>
    public static string Triplet(string name) =>
        Table.FirstOrDefault(a => a.Name == name).Triplet ?? name + "-linux-gnu";

    /// <summary>The architecture of <paramref name="name"/> as an OCI image's platform names it (<c>arm</c> for armhf).</summary>
    public static string Oci(string name) =>
        Table.FirstOrDefault(a => a.Name == name).Oci ?? name;

    /// <summary>The Debian name of a .NET machine architecture.</summary>
    public static string Of(Architecture machine) =>
        Table.FirstOrDefault(a => a.Machine == machine).Name ?? machine.ToString().ToLowerInvariant();
}
