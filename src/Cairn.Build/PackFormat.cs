namespace Cairn.Build;

/// <summary>What <c>cairn pack</c> writes.</summary>
public enum PackFormat
{
    /// <summary><c>NAME_VERSION_PLATFORM.rock</c>: an OCI archive (the default; podman, docker and skopeo read it).</summary>
    Archive,

    /// <summary><c>NAME_VERSION_PLATFORM/</c>: an OCI image layout directory.</summary>
    Layout,
}
