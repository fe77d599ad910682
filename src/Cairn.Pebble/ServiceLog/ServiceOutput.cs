using System.Text;

namespace Cairn.Pebble.ServiceLog;

/// <summary>
/// The copy of every service's output to the daemon's stdout, so <c>docker logs</c> and <c>kubectl logs</c> show the
/// app. It gets the formatted stream (<c>TIME [service] </c> at each line start, partial lines as they arrive) and
/// writes it from a thread of its own: a slow or blocked stdout never holds up a service's pipe. A copy that falls
/// more than one service's log size (100 KiB) behind loses that service's oldest bytes and shows upstream's marker
/// <c>\n(... output truncated ...)\n</c>, as upstream's copier does when it falls behind its ring buffer.
/// </summary>
internal sealed class ServiceOutput
{
    /// <summary>What the copy shows where it lost bytes (upstream's marker).</summary>
    public static readonly byte[] TruncatedMarker = Encoding.ASCII.GetBytes("\n(... output truncated ...)\n");

    private readonly Stream output;
    private readonly int limit;
    private readonly Action<string> onError;
    private readonly Lock gate = new();
    private readonly LinkedList<(string Service, byte[] Bytes)> pending = new();
    private readonly Dictionary<string, int> pendingBytes = [];
    private readonly HashSet<string> truncated = [];
    private readonly SemaphoreSlim available = new(0);
    private int writing;
    private bool failing;

    /// <param name="output">Where the copy goes (the daemon's stdout).</param>
    /// <param name="onError">Told when writing fails (once until a write succeeds again).</param>
    /// <param name="limit">How far, in bytes, the copy of one service may fall behind.</param>
    public ServiceOutput(Stream output, Action<string> onError, int limit = LogBuffer.Capacity)
    {
        this.output = output;
        this.onError = onError;
        this.limit = limit;
        new Thread(Loop) { IsBackground = true, Name = "service output" }.Start();
    }

    /// <summary>Queues formatted output of <paramref name="service"/>; never blocks on the output.</summary>
    public void Write(string service, ReadOnlySpan<byte> formatted)
    {
        if (formatted.IsEmpty) return;
        lock (gate)
        {
            var bytes = formatted.Length > limit ? formatted[^limit..].ToArray() : formatted.ToArray();
            if (bytes.Length < formatted.Length) truncated.Add(service);
            pending.AddLast((service, bytes));
            var total = pendingBytes.GetValueOrDefault(service) + bytes.Length;
            // Behind by more than the limit: drop this service's oldest queued bytes, as a full ring would.
            for (var node = pending.First; total > limit && node is not null;)
            {
                var next = node.Next;
                if (node.Value.Service == service && node != pending.Last)
                {
                    total -= node.Value.Bytes.Length;
                    pending.Remove(node);
                    truncated.Add(service);
                }

                node = next;
            }

            pendingBytes[service] = total;
        }

        available.Release();
    }

    /// <summary>Waits until everything queued so far is written, or <paramref name="timeout"/> passes.</summary>
    public bool Drain(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (gate)
            {
                if (pending.Count == 0 && Volatile.Read(ref writing) == 0) return true;
            }

            if (DateTime.UtcNow >= deadline) return false;
            Thread.Sleep(10);
        }
    }

    private void Loop()
    {
        while (true)
        {
            available.Wait();
            (string Service, byte[] Bytes) chunk;
            bool marker;
            lock (gate)
            {
                if (pending.First is not { } first) continue;
                chunk = first.Value;
                pending.RemoveFirst();
                pendingBytes[chunk.Service] -= chunk.Bytes.Length;
                marker = truncated.Remove(chunk.Service);
                Volatile.Write(ref writing, 1);
            }

            try
            {
                if (marker) output.Write(TruncatedMarker);
                output.Write(chunk.Bytes);
                output.Flush();
                failing = false;
            }
            catch (IOException e)
            {
                // As upstream: say so and go on; the service keeps running and its log keeps the lines.
                if (!failing) onError($"service \"{chunk.Service}\" log write failed: {e.Message}");
                failing = true;
            }
            finally
            {
                Volatile.Write(ref writing, 0);
            }
        }
    }
}
