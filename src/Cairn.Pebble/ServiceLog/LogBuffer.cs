using System.Text;
using Cairn.Daemon;

namespace Cairn.Pebble.ServiceLog;

/// <summary>
/// A service's output: a ring of lines holding at most 100 KiB (oldest lines dropped first), kept across restarts,
/// with subscribers for <c>logs --follow</c>. Lines are cut at '\n'; a partial line is held until its newline arrives
/// or the writer ends. When <paramref name="copy"/> is given, the output also goes there as upstream's format writer
/// produces it: <c>TIME [service] </c> before the first byte of each line, bytes passed through as they arrive.
/// </summary>
internal sealed class LogBuffer(string service, TimeProvider clock, ServiceOutput? copy = null)
{
    /// <summary>Upstream's buffer size per service.</summary>
    public const int Capacity = 102400;

    private readonly Lock gate = new();
    private readonly LinkedList<LogEntry> entries = new();
    private readonly List<Action<LogEntry>> subscribers = [];
    private readonly StringBuilder partial = new();
    private readonly Decoder decoder = Encoding.UTF8.GetDecoder();
    private DateTime partialTime;
    private bool copyAtLineStart = true;
    private int bytes;

    /// <summary>The service this buffer belongs to.</summary>
    public string Service => service;

    /// <summary>Appends raw output bytes.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        // One reading of the clock: every line that starts in this chunk had its first byte arrive now.
        var now = clock.GetUtcNow().UtcDateTime;
        var chars = new char[decoder.GetCharCount(data, flush: false)];
        decoder.GetChars(data, chars, flush: false);
        List<LogEntry> completed = [];
        lock (gate)
        {
            foreach (var c in chars)
            {
                if (partialTime == default) partialTime = now;
                if (c == '\n')
                {
                    completed.Add(Add(partial.ToString()));
                    partial.Clear();
                    partialTime = default;
                }
                else
                {
                    partial.Append(c);
                }
            }

            // Under the lock, so chunks reach the copy in the order they arrived.
            if (copy is not null) copy.Write(service, Formatted(data, now));
        }

        Notify(completed);
    }

    /// <summary>Ends the current partial line (the writer closed): the next output starts a new line.</summary>
    public void Flush()
    {
        LogEntry? entry = null;
        lock (gate)
        {
            // Upstream's next writer starts with a prefix but writes no newline for the unfinished line before it.
            copyAtLineStart = true;
            if (partial.Length > 0)
            {
                entry = Add(partial.ToString());
                partial.Clear();
                partialTime = default;
            }
        }

        if (entry is not null) Notify([entry]);
    }

    /// <summary>The last <paramref name="n"/> lines (all when negative).</summary>
    public List<LogEntry> Tail(int n)
    {
        lock (gate)
        {
            var all = entries.ToList();
            return n < 0 || n >= all.Count ? all : all[^n..];
        }
    }

    /// <summary>Calls <paramref name="onLine"/> for every new line until disposed.</summary>
    public IDisposable Subscribe(Action<LogEntry> onLine)
    {
        lock (gate) subscribers.Add(onLine);
        return new Subscription(() => { lock (gate) subscribers.Remove(onLine); });
    }

    private LogEntry Add(string message)
    {
        var entry = new LogEntry(partialTime, service, message);
        entries.AddLast(entry);
        bytes += Size(entry);
        while (bytes > Capacity && entries.First is { } first)
        {
            bytes -= Size(first.Value);
            entries.RemoveFirst();
        }

        return entry;
    }

    private void Notify(List<LogEntry> lines)
    {
        if (lines.Count == 0) return;
        Action<LogEntry>[] targets;
        lock (gate) targets = [.. subscribers];
        foreach (var line in lines)
        {
            foreach (var target in targets) target(line);
        }
    }

    // Called under the lock: the chunk with the prefix inserted at each line start.
    private byte[] Formatted(ReadOnlySpan<byte> data, DateTime now)
    {
        var prefix = Encoding.UTF8.GetBytes($"{LogTime.Format(now)} [{service}] ");
        var result = new List<byte>(data.Length + prefix.Length);
        while (!data.IsEmpty)
        {
            if (copyAtLineStart) result.AddRange(prefix);
            var end = data.IndexOf((byte)'\n');
            var line = end < 0 ? data : data[..(end + 1)];
            result.AddRange(line);
            copyAtLineStart = end >= 0;
            data = data[line.Length..];
        }

        return [.. result];
    }

    // Upstream counts the bytes of the formatted output, prefix included.
    private static int Size(LogEntry e) => 24 + 4 + e.Service.Length + Encoding.UTF8.GetByteCount(e.Message) + 1;

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
