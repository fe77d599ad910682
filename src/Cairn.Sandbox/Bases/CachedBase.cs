using Cairn.Bases;

namespace Cairn.Sandbox.Bases;

/// <summary>A base in the cache, ready to use.</summary>
/// <param name="Base">Which base.</param>
/// <param name="Key">The hash of its inputs (part of its directory name).</param>
/// <param name="Directory">The cache entry.</param>
public sealed record CachedBase(BaseName Base, string Key, string Directory)
{
    /// <summary>The reproducible tar mmdebstrap wrote: the image's base layer.</summary>
    public string TarPath => Path.Combine(Directory, "base.tar");

    /// <summary>The tar extracted (without device nodes): the root to build in and to compare primed files with.</summary>
    public string RootPath => Path.Combine(Directory, "rootfs");

    /// <summary>
    /// The tar as the image's base layer: a blob store (with its layer cache records) that the first pack on this base
    /// fills and every later one links its blob from, so no project imports the same tar again.
    /// </summary>
    public string LayerStorePath => Path.Combine(Directory, "oci");

    /// <summary>The base's dpkg database: what stage-packages need not bring.</summary>
    public string DpkgStatusPath => Path.Combine(RootPath, "var", "lib", "dpkg", "status");
}
