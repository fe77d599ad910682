using System.Text;
using Cairn.Pebble.ServiceLog;
using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>The copy of service output to stdout: upstream's format writer, its own thread, a bounded backlog.</summary>
public class ServiceOutputTests
{
    private static readonly DateTimeOffset Start = new(2024, 6, 21, 3, 41, 45, 77, TimeSpan.Zero);

    [Fact]
    public void Lines_get_the_prefix_and_partial_lines_are_written_as_they_arrive()
    {
        var stdout = new RecordingStream();
        var clock = new ManualClock(Start);
        var buffer = new LogBuffer("flask", clock, new ServiceOutput(stdout, _ => { }));
        buffer.Write("[INFO] Listen"u8);
        clock.Advance(TimeSpan.FromSeconds(2));
        stdout.WaitFor("Listen");
        Assert.Equal("2024-06-21T03:41:45.077Z [flask] [INFO] Listen", stdout.Text);

        // The rest of the line continues it without a prefix; the next line's time is when its first byte came.
        buffer.Write("ing\nsecond\nthi"u8);
        clock.Advance(TimeSpan.FromSeconds(1));
        buffer.Write("rd\n"u8);
        stdout.WaitFor("third\n");
        Assert.Equal(
            "2024-06-21T03:41:45.077Z [flask] [INFO] Listening\n2024-06-21T03:41:47.077Z [flask] second\n2024-06-21T03:41:47.077Z [flask] third\n",
            stdout.Text);
        // The same lines, the same times, as pebble logs shows them.
        Assert.Equal(stdout.Text, string.Concat(buffer.Tail(-1).Select(l => l + "\n")));
    }

    [Fact]
    public void After_the_writer_ends_mid_line_the_next_output_starts_with_a_prefix_and_no_newline()
    {
        var stdout = new RecordingStream();
        var buffer = new LogBuffer("svc", new ManualClock(Start), new ServiceOutput(stdout, _ => { }));
        buffer.Write("no newline"u8);
        buffer.Flush();
        buffer.Write("restarted\n"u8);
        stdout.WaitFor("restarted\n");
        Assert.Equal("2024-06-21T03:41:45.077Z [svc] no newline2024-06-21T03:41:45.077Z [svc] restarted\n", stdout.Text);
        Assert.Equal(["no newline", "restarted"], buffer.Tail(-1).Select(l => l.Message));
    }

    [Fact]
    public void A_long_line_goes_through_whole()
    {
        var stdout = new RecordingStream();
        var buffer = new LogBuffer("svc", new ManualClock(Start), new ServiceOutput(stdout, _ => { }));
        var line = new string('x', 50_000);
        for (var i = 0; i < 5; i++) buffer.Write(Encoding.ASCII.GetBytes(line[(i * 10_000)..((i + 1) * 10_000)]));
        buffer.Write("\n"u8);
        stdout.WaitFor("x\n");
        Assert.Equal("2024-06-21T03:41:45.077Z [svc] " + line + "\n", stdout.Text);
    }

    [Fact]
    public void A_blocked_stdout_holds_up_no_writer_and_loses_only_the_oldest_bytes()
    {
        var stdout = new RecordingStream { Blocked = true };
        var output = new ServiceOutput(stdout, _ => { }, limit: 1000);
        output.Write("svc", Encoding.ASCII.GetBytes("first\n"));
        stdout.WaitUntilWriting();
        // While the copy waits on stdout, far more than the limit arrives; Write returns at once every time.
        for (var i = 0; i < 100; i++) output.Write("svc", Encoding.ASCII.GetBytes($"line {i:D3} {new string('.', 90)}\n"));
        output.Write("other", Encoding.ASCII.GetBytes("other service\n"));
        stdout.Blocked = false;
        Assert.True(output.Drain(TimeSpan.FromSeconds(10)));

        var text = stdout.Text;
        Assert.StartsWith("first\n\n(... output truncated ...)\nline ", text);
        Assert.EndsWith($"line 099 {new string('.', 90)}\nother service\n", text);
        Assert.DoesNotContain("line 000", text);
        Assert.InRange(text.Length, 900, 1100);
    }

    [Fact]
    public void A_failing_stdout_is_reported_once_and_the_copy_goes_on()
    {
        var stdout = new RecordingStream { Failing = true };
        var errors = new List<string>();
        var output = new ServiceOutput(stdout, e => { lock (errors) errors.Add(e); });
        output.Write("svc", "a\n"u8);
        output.Write("svc", "b\n"u8);
        Assert.True(output.Drain(TimeSpan.FromSeconds(10)));
        stdout.Failing = false;
        output.Write("svc", "c\n"u8);
        Assert.True(output.Drain(TimeSpan.FromSeconds(10)));
        Assert.Equal(["service \"svc\" log write failed: broken pipe"], errors);
        Assert.Equal("c\n", stdout.Text);
    }

    /// <summary>A stdout stand-in that can block or fail, read while the copy's thread writes to it.</summary>
    private sealed class RecordingStream : Stream
    {
        private readonly Lock gate = new();
        private readonly StringBuilder text = new();
        private readonly ManualResetEventSlim open = new(true);
        private readonly ManualResetEventSlim writing = new(false);

        public bool Blocked
        {
            get => !open.IsSet;
            set
            {
                if (value) open.Reset();
                else open.Set();
            }
        }

        public bool Failing { get; set; }

        public string Text
        {
            get { lock (gate) return text.ToString(); }
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void WaitFor(string end)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!Text.EndsWith(end, StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"stdout never ended with \"{end}\": \"{Text}\"");
                Thread.Sleep(5);
            }
        }

        public void WaitUntilWriting() => Assert.True(writing.Wait(TimeSpan.FromSeconds(10)));

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            writing.Set();
            open.Wait();
            if (Failing) throw new IOException("broken pipe");
            lock (gate) text.Append(Encoding.UTF8.GetString(buffer));
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
