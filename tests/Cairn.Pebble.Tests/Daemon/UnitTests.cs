using System.Text;
using Cairn.Pebble.Cli;
using Cairn.Pebble.Daemon;
using Cairn.Pebble.Overlord;
using Cairn.Pebble.Plan;
using Cairn.Pebble.ServiceLog;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

public class BackoffTests
{
    [Fact]
    public void Delays_grow_by_the_factor_up_to_the_limit()
    {
        var config = new Service { Name = "s", BackoffDelay = TimeSpan.FromMilliseconds(500), BackoffFactor = 2, BackoffLimit = TimeSpan.FromSeconds(3) };
        var delays = new List<TimeSpan>();
        TimeSpan? current = null;
        for (var i = 0; i < 6; i++)
        {
            current = Backoff.Next(current, config);
            delays.Add(current.Value);
        }

        Assert.Equal([500, 1000, 2000, 3000, 3000, 3000], delays.Select(d => (int)d.TotalMilliseconds));
    }

    [Fact]
    public void Defaults_are_upstreams()
    {
        var config = new Service { Name = "s" };
        var first = Backoff.Next(null, config);
        Assert.Equal(TimeSpan.FromMilliseconds(500), first);
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.Next(first, config));
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Next(TimeSpan.FromSeconds(20), config));
    }

    [Fact]
    public void Fractional_factor_and_jitter_bounds()
    {
        var config = new Service { Name = "s", BackoffDelay = TimeSpan.FromSeconds(1), BackoffFactor = 1.5, BackoffLimit = TimeSpan.FromMinutes(1) };
        Assert.Equal(TimeSpan.FromSeconds(1.5), Backoff.Next(TimeSpan.FromSeconds(1), config));
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.WithJitter(TimeSpan.FromSeconds(1), 0));
        Assert.Equal(TimeSpan.FromMilliseconds(1050), Backoff.WithJitter(TimeSpan.FromSeconds(1), 0.5));
        Assert.True(Backoff.WithJitter(TimeSpan.FromSeconds(1), 0.999999) < TimeSpan.FromMilliseconds(1100));
    }
}

public class LogBufferTests
{
    [Fact]
    public void Lines_are_stamped_when_their_first_byte_arrives()
    {
        var clock = new FakeClock(new DateTimeOffset(2024, 6, 21, 3, 41, 45, 77, TimeSpan.Zero));
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
        var buffer = new LogBuffer("svc", new FakeClock(DateTimeOffset.UnixEpoch));
        var line = new string('x', 999) + "\n";
        for (var i = 0; i < 200; i++) buffer.Write(Encoding.UTF8.GetBytes(line));
        var kept = buffer.Tail(-1);
        Assert.InRange(kept.Count, 90, 102);
        Assert.Equal(2, buffer.Tail(2).Count);
    }

    [Fact]
    public void Subscribers_see_new_lines_until_disposed()
    {
        var buffer = new LogBuffer("svc", new FakeClock(DateTimeOffset.UnixEpoch));
        var seen = new List<string>();
        var sub = buffer.Subscribe(e => seen.Add(e.Message));
        buffer.Write("a\nb\n"u8);
        sub.Dispose();
        buffer.Write("c\n"u8);
        Assert.Equal(["a", "b"], seen);
    }
}

public class RunOptionsTests
{
    [Fact]
    public void Args_take_everything_up_to_a_lone_semicolon()
    {
        var o = RunOptions.Parse(["--args", "flask", "-k", "--workers=2", ";", "--hold", "--args", "other"], enter: false);
        Assert.True(o.Hold);
        Assert.Equal(2, o.ServiceArgs.Count);
        Assert.Equal("flask", o.ServiceArgs[0].Service);
        Assert.Equal(["-k", "--workers=2"], o.ServiceArgs[0].Args);
        Assert.Empty(o.ServiceArgs[1].Args);
    }

    [Fact]
    public void Enter_subcommand_after_semicolon_and_swallowed_without_it()
    {
        var o = RunOptions.Parse(["-v", "--args", "flask", "sync", ";", "plan"], enter: true);
        Assert.Equal(["plan"], o.Subcommand);
        Assert.True(o.Verbose);
        var swallowed = RunOptions.Parse(["--args", "flask", "sync", "plan"], enter: true);
        Assert.Empty(swallowed.Subcommand);
        Assert.Equal(["sync", "plan"], swallowed.ServiceArgs[0].Args);
    }

    [Theory]
    [InlineData(new[] { "--args" }, "--args requires a service name")]
    [InlineData(new[] { "--args", "a", ";", "--args", "a" }, "--args provided more than once for \"a\" service")]
    [InlineData(new[] { "extra" }, "too many arguments for command")]
    [InlineData(new[] { "--bogus" }, "unknown flag `bogus'")]
    public void Usage_errors_use_upstreams_words(string[] args, string message) =>
        Assert.Equal(message, Assert.Throws<UsageException>(() => RunOptions.Parse(args, enter: false)).Message);

    [Fact]
    public void Args_rejoined_with_quotes_split_back_to_the_same_words()
    {
        var command = ServiceCommand.Parse("flask", "/bin/python3 -m gunicorn -c /flask/gunicorn.conf.py 'app:app' -k [ sync ]");
        var o = RunOptions.Parse(["--args", "flask", "gevent", "--log-level", "it's debug"], enter: false);
        var joined = command.WithArgs(o.ServiceArgs[0].Args);
        Assert.Equal("/bin/python3 -m gunicorn -c /flask/gunicorn.conf.py app:app -k [ gevent --log-level 'it'\"'\"'s debug' ]", joined);
        Assert.Equal(["/bin/python3", "-m", "gunicorn", "-c", "/flask/gunicorn.conf.py", "app:app", "-k", "gevent", "--log-level", "it's debug"], ServiceCommand.Parse("flask", joined).Argv());
    }
}

public class ApiEnvelopeTests
{
    [Fact]
    public void Sync_async_and_error_envelopes_have_upstreams_keys_in_order()
    {
        Assert.Equal("{\"type\":\"sync\",\"status-code\":200,\"status\":\"OK\",\"result\":true}\n", Api.BodyText(ApiResponse.Sync(w => w.WriteBooleanValue(true))));
        Assert.Equal("{\"type\":\"async\",\"status-code\":202,\"status\":\"Accepted\",\"change\":\"7\"}\n", Api.BodyText(ApiResponse.Async("7")));
        Assert.Equal("{\"type\":\"error\",\"status-code\":400,\"status\":\"Bad Request\",\"result\":{\"message\":\"no default services\",\"kind\":\"no-default-services\"}}\n",
            Api.BodyText(ApiResponse.Error(400, "no default services", "no-default-services")));
    }

    [Fact]
    public void Users_resolve_from_passwd_and_group_files()
    {
        using var root = new Cairn.TestKit.TempDirectory();
        root.Write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n_daemon_:x:584792:584792::/var/lib/pebble/default:/usr/bin/false\n");
        root.Write("etc/group", "root:x:0:\n_daemon_:x:584792:\nadm:x:4:\n");
        var users = new UserLookup(root.Path);
        Assert.Equal((584792u, 584792u), Pair(users.Resolve("_daemon_", null, null, null)));
        Assert.Equal((584792u, 4u), Pair(users.Resolve("_daemon_", 584792, "adm", null)));
        Assert.Equal("user: unknown user nobody", Assert.Throws<InvalidOperationException>(() => users.Resolve("nobody", null, null, null)).Message);
        Assert.Equal("user \"root\" UID (0) does not match user-id (5)", Assert.Throws<InvalidOperationException>(() => users.Resolve("root", 5, null, null)).Message);
        Assert.Equal("must specify user, not just group", Assert.Throws<InvalidOperationException>(() => users.Resolve(null, null, "adm", null)).Message);
        Assert.Equal((null, null), ((uint?, uint?))Pair(users.Resolve(null, null, null, null)));

        static (uint?, uint?) Pair((uint? Uid, uint? Gid, PasswdEntry? User) r) => (r.Uid, r.Gid);
    }
}
