namespace Cairn.Oci.Storage;

/// <summary>
/// A blob being written to a <see cref="BlobStore"/>: hashed as it is written, named by its digest on
/// <see cref="CommitAsync"/>. Disposing without committing deletes the temp file.
/// </summary>
public sealed class PendingBlob : IAsyncDisposable
{
    private readonly BlobStore _store;
    private readonly string _tempPath;
    private readonly HashingStream _stream;
    private bool _done;

    internal PendingBlob(BlobStore store, string tempPath, FileStream file)
    {
        _store = store;
        _tempPath = tempPath;
        _stream = new HashingStream(file);
    }

    /// <summary>Where to write the blob's bytes.</summary>
    public Stream Stream => _stream;

    /// <summary>Closes the blob, moves it to its digest name, and returns its digest and size.</summary>
    public async Task<(Digest Digest, long Size)> CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        var size = _stream.BytesWritten;
        var digest = _stream.GetDigest();
        await _stream.DisposeAsync().ConfigureAwait(false);
        _store.Publish(_tempPath, digest);
        _done = true;
        return (digest, size);
    }

    /// <summary>Deletes the temp file unless the blob was committed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_done)
            return;
        _done = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
        File.Delete(_tempPath);
    }
}
