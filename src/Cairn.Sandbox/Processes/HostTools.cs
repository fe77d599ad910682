using Cairn.Diagnostics;

namespace Cairn.Sandbox.Processes;

/// <summary>Finds the host tools cairn drives, and names the Debian package to install when one is missing.</summary>
public sealed class HostTools
{
    /// <summary>Tool name to the Debian/Ubuntu package that provides it.</summary>
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["mmdebstrap"] = "mmdebstrap",
        ["bwrap"] = "bubblewrap",
        ["tar"] = "tar",
        ["cp"] = "coreutils",
        ["apt-get"] = "apt",
        ["dpkg-deb"] = "dpkg",
        ["patchelf"] = "patchelf",
        ["newuidmap"] = "uidmap",
        ["unshare"] = "util-linux",
    };

    private readonly string _path;

    /// <param name="path">The PATH to search (the caller's); the sbin directories are always searched too.</param>
    public HostTools(string? path) => _path = path ?? "/usr/local/bin:/usr/bin:/bin";

    /// <summary>The full path of <paramref name="tool"/>, or a CAIRN4001 error naming the package to install.</summary>
    public string Require(string tool, string purpose)
    {
        var found = Find(tool);
        if (found is not null)
            return found;
        var package = Packages.GetValueOrDefault(tool, tool);
        throw CairnException.Environment(
            SandboxErrorCodes.ToolMissing,
            $"cannot {purpose}: '{tool}' is not installed",
            $"install the package '{package}' (sudo apt-get install {package}), or run scripts/setup");
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH and in the sbin directories, or null.</summary>
    public string? Find(string tool) =>
        _path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/sbin", "/sbin"])
            .Select(d => Path.Combine(d, tool))
            .FirstOrDefault(File.Exists);
}
