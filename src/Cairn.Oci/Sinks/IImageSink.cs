using Cairn.Oci.Images;

namespace Cairn.Oci.Sinks;

/// <summary>Where a built image goes: an OCI archive, an OCI layout directory, and later a registry or a local engine.</summary>
public interface IImageSink
{
    /// <summary>Writes <paramref name="image"/>; an interrupted write leaves no partial output under the final name.</summary>
    Task WriteAsync(BuiltImage image, CancellationToken cancellationToken = default);
}
