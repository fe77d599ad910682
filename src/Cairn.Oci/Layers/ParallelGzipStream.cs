using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Cairn.Oci.Layers;

/// <summary>
/// A write-only gzip stream that compresses on every core, as pigz does: the input is cut into blocks of
/// <see cref="BlockSize"/> bytes, each deflated on its own (no block refers back into another, so they can run side
/// by side), each but the last ended with a sync flush so the next starts on a byte boundary, and their outputs are
/// written in order behind one fixed header (no name, mtime 0) with the CRC-32 and length of the whole input. The
/// blocks fall at the same offsets whatever the writes' sizes, so the same input at the same level gives the same
/// bytes. Compressing each block without the previous 32 KB costs well under 1 % of the size.
/// </summary>
internal sealed class ParallelGzipStream : Stream
{
    /// <summary>The uncompressed size of a block.</summary>
    public const int BlockSize = 1 << 20;

    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]; // deflate, no flags, mtime 0, unix

    private readonly Stream _output;
    private readonly CompressionLevel _level;
    private readonly Crc32 _crc = new();
    private readonly Queue<Task<byte[]>> _pending = new();
    private readonly int _maxPending = Environment.ProcessorCount + 1;
    private byte[] _block = new byte[BlockSize];
    private int _filled;
    private long _length;
    private bool _finished;

    public ParallelGzipStream(Stream output, CompressionLevel level)
    {
        _output = output;
        _level = level;
        _output.Write(Header);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_finished;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, BlockSize - _filled);
            buffer[..take].CopyTo(_block.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == BlockSize)
                SubmitAsync(final: false, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, BlockSize - _filled);
            buffer.Span[..take].CopyTo(_block.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == BlockSize)
                await SubmitAsync(final: false, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Compresses what is left as the last block and writes every block and the trailer.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_finished) return;
        await SubmitAsync(final: true, cancellationToken).ConfigureAwait(false);
        while (_pending.Count > 0)
            await WriteOldestAsync(cancellationToken).ConfigureAwait(false);
        var trailer = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), (uint)_length);
        await _output.WriteAsync(trailer, cancellationToken).ConfigureAwait(false);
        _finished = true;
    }

    // Hands the filled block to a worker; when enough are in flight, first writes out the oldest.
    private async Task SubmitAsync(bool final, CancellationToken cancellationToken)
    {
        var block = _block;
        var count = _filled;
        _crc.Append(block.AsSpan(0, count));
        _length += count;
        var level = _level;
        _pending.Enqueue(Task.Run(() => Deflate(block, count, level, final), cancellationToken));
        _block = new byte[BlockSize];
        _filled = 0;
        while (_pending.Count >= _maxPending)
            await WriteOldestAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteOldestAsync(CancellationToken cancellationToken)
    {
        var bytes = await _pending.Dequeue().ConfigureAwait(false);
        await _output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] Deflate(byte[] block, int count, CompressionLevel level, bool final)
    {
        using var compressed = new MemoryStream(count / 2 + 64);
        using var deflate = new DeflateStream(compressed, level, leaveOpen: true);
        deflate.Write(block, 0, count);
        if (!final)
        {
            // A sync flush ends the block's output on a byte boundary with no final-block bit; what disposing
            // would add after it (an empty final block) is not taken.
            deflate.Flush();
            return compressed.ToArray();
        }

        deflate.Dispose();
        return compressed.ToArray();
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // An unfinished stream (a failed write) must not leave workers running: wait for them, drop their output.
        if (disposing)
        {
            try
            {
                Task.WaitAll([.. _pending]);
            }
            catch (AggregateException)
            {
            }
        }

        base.Dispose(disposing);
    }
}
