using System.Text;
using Cairn.Pebble.ServiceLog;
using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Daemon;

public class LogBufferTests
{
    [Fact]
    public void Lines_are_stamped_when_their_first_byte_arrives()
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 6, 21, 3, 41, 45, 77, TimeSpan.Zero));
        var buffer = new LogBuffer("flask", clock);
        buffer.Write("[INFO] Listen"u8);
        clock.Advance(TimeSpan.FromSeconds(2));
        buffer.Write("ing\nsecond"u8);
        buffer.Flush();
        var lines = buffer.Tail(-1).Select(l => l.ToString()).ToList();
        Assert.Equal(["2024-06-21T03:41:45.077Z [flask] [INFO] Listening", "2024-06-21T03:41:47.077Z [flask] second"], lines);
    }

    [Fact]
    public void Oldest_lines_are_dropped_beyond_100_KiB()
    {
        var buffer = new LogBuffer("svc", new ManualClock(DateTimeOffset.UnixEpoch));
        var line = new string('x', 999) + "\n";
        for (var i = 0; i < 200; i++) buffer.Write(Encoding.UTF8.GetBytes(line));
        var kept = buffer.Tail(-1);
        Assert.InRange(kept.Count, 90, 102);
        Assert.Equal(2, buffer.Tail(2).Count);
    }

    [Fact]
    public void Subscribers_see_new_lines_until_disposed()
    {
        var buffer = new LogBuffer("svc", new ManualClock(DateTimeOffset.UnixEpoch));
        var seen = new List<string>();
        var sub = buffer.Subscribe(e => seen.Add(e.Message));
        buffer.Write("a\nb\n"u8);
        sub.Dispose();
        buffer.Write("c\n"u8);
        Assert.Equal(["a", "b"], seen);
    }
}
