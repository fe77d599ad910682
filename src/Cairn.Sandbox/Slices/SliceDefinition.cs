namespace Cairn.Sandbox.Slices;

/// <summary>How a slice's content entry comes to be in the rock (chisel's content kinds).</summary>
public enum SliceContentKind
{
    /// <summary>Copied from the package: one path, or every path a glob (<c>*</c>, <c>**</c>, <c>?</c>) matches.</summary>
    Extract,

    /// <summary>Another path of the package, copied to this one (<c>copy:</c>).</summary>
    Copy,

    /// <summary>A file with the given text (<c>text:</c>).</summary>
    Text,

    /// <summary>A symbolic link to the given target (<c>symlink:</c>).</summary>
    Symlink,

    /// <summary>An empty directory (<c>make: true</c>).</summary>
    Make,

    /// <summary>Something chisel generates (<c>generate: manifest</c>); cairn writes its own records instead.</summary>
    Generate,
}

/// <summary>One entry of a slice's <c>contents</c>: an absolute path, and what to put there.</summary>
/// <param name="Value">The copy source, text or link target; null for the other kinds.</param>
/// <param name="Mode">The mode <c>mode:</c> asks for, or null for the package's (or 0644/0755 for made entries).</param>
/// <param name="Architectures">The Debian architectures it is for (<c>arch:</c>); empty for all.</param>
/// <param name="UntilMutate">True for <c>until: mutate</c>: needed only by a mutation script, removed after it.</param>
public sealed record SliceContent(string Path, SliceContentKind Kind, string? Value, int? Mode, IReadOnlyList<string> Architectures, bool UntilMutate)
{
    /// <summary>True when the path has a wildcard.</summary>
    public bool IsGlob => Path.AsSpan().IndexOfAny('*', '?') >= 0;

    public bool AppliesTo(string architecture) => Architectures.Count == 0 || Architectures.Contains(architecture);
}

/// <summary>A slice as <c>slices/PACKAGE.yaml</c> defines it.</summary>
/// <param name="Essential">The slices (<c>package_slice</c>) it needs, by architecture as <see cref="SliceContent.Architectures"/>.</param>
public sealed record SliceDefinition(string Package, string Name, IReadOnlyList<(string Slice, IReadOnlyList<string> Architectures)> Essential, IReadOnlyList<SliceContent> Contents)
{
    /// <summary>The slice's full name, <c>package_slice</c>.</summary>
    public string FullName => $"{Package}_{Name}";
}

/// <summary>A package's slices, and the slices every one of them needs (the file's top-level <c>essential</c>).</summary>
public sealed record PackageSlices(string Package, IReadOnlyList<(string Slice, IReadOnlyList<string> Architectures)> Essential, IReadOnlyDictionary<string, SliceDefinition> Slices);
