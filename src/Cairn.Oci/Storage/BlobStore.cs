namespace Cairn.Oci.Storage;

/// <summary>
/// A content-addressed directory of blobs, laid out as an OCI layout's <c>blobs/sha256/&lt;hex&gt;</c>. A blob
/// is written to <c>tmp/</c> first and renamed to its digest name only once complete, so a half-written blob
/// never carries a digest name, and an interrupted build leaves nothing that a later build could trust.
/// </summary>
public sealed class BlobStore
{
    /// <summary>A store rooted at <paramref name="root"/> (created when needed).</summary>
    public BlobStore(string root)
    {
        Root = Path.GetFullPath(root);
    }

    /// <summary>The store's directory.</summary>
    public string Root { get; }

    /// <summary>Where the blob with <paramref name="digest"/> lives (whether or not it exists).</summary>
    public string PathOf(Digest digest) => Path.Combine(Root, "blobs", digest.Algorithm, digest.Hex);

    /// <summary>True when the store holds the blob.</summary>
    public bool Contains(Digest digest) => File.Exists(PathOf(digest));

    /// <summary>Opens a stored blob for reading.</summary>
    public Stream OpenRead(Digest digest) =>
        new FileStream(PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    /// <summary>Starts a new blob; write to <see cref="PendingBlob.Stream"/>, then <see cref="PendingBlob.CommitAsync"/>.</summary>
    public PendingBlob BeginWrite()
    {
        var tmp = Path.Combine(Root, "tmp");
        try
        {
            Directory.CreateDirectory(tmp);
            var path = Path.Combine(tmp, "blob-" + Guid.NewGuid().ToString("N"));
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
            return new PendingBlob(this, path, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OciErrors.UnwritableOutput(tmp, e.Message, e);
        }
    }

    /// <summary>Stores <paramref name="content"/> and returns its descriptor.</summary>
    public async Task<Descriptor> AddAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken = default)
    {
        await using var blob = BeginWrite();
        await blob.Stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        var (digest, size) = await blob.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new Descriptor { MediaType = mediaType, Digest = digest, Size = size };
    }

    /// <summary>Moves a completed temp file to its digest name; the rename is atomic on one file system.</summary>
    internal void Publish(string tempPath, Digest digest)
    {
        var final = PathOf(digest);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            if (File.Exists(final))
            {
                // Same digest, same bytes: keep the existing blob so readers of it are never disturbed.
                File.Delete(tempPath);
                return;
            }

            File.Move(tempPath, final, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OciErrors.UnwritableOutput(final, e.Message, e);
        }
    }
}
