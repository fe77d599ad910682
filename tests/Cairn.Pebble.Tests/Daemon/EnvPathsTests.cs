using Cairn.Pebble.Cli;
using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>Where the API socket goes, for the daemon and the CLI alike, writable pebble directory or not.</summary>
public class EnvPathsTests
{
    private static readonly Func<string, string?> AllWritable = _ => null;

    [Fact]
    public void Environment_names_the_directory_and_socket_with_upstreams_defaults()
    {
        var defaults = EnvPaths.From(_ => null);
        Assert.Equal(("/var/lib/pebble/default", null), (defaults.PebbleDir, defaults.SocketOverride));
        Assert.Equal("/var/lib/pebble/default/.pebble.socket", defaults.DefaultSocket);
        Assert.Equal("/tmp/pebble/var/lib/pebble/default/.pebble.socket", defaults.FallbackSocket());
        var empty = EnvPaths.From(_ => "");
        Assert.Equal(defaults, empty);
        var set = EnvPaths.From(n => n == "PEBBLE" ? "/srv/p" : "/run/p.socket");
        Assert.Equal(("/srv/p", "/run/p.socket"), (set.PebbleDir, set.SocketOverride));
    }

    [Fact]
    public void Daemon_listens_in_a_writable_pebble_directory()
    {
        var notices = new List<string>();
        Assert.Equal("/var/lib/pebble/default/.pebble.socket", EnvPaths.From(_ => null).ListenSocket(AllWritable, notices.Add));
        Assert.Empty(notices);
    }

    [Fact]
    public void Daemon_falls_back_under_tmp_when_the_pebble_directory_is_not_writable_and_says_so()
    {
        using var tmp = new TempDirectory();
        var root = tmp.Combine("pebble");
        var notices = new List<string>();
        var paths = EnvPaths.From(_ => null);
        var socket = paths.ListenSocket(d => d == "/var/lib/pebble/default" ? "read-only file system" : null, notices.Add, root);
        Assert.Equal(root + "/var/lib/pebble/default/.pebble.socket", socket);
        Assert.True(Directory.Exists(root + "/var/lib/pebble/default"));
        // Reachable by the CLI of any user; only the daemon's user can write there.
        var mode = File.GetUnixFileMode(root + "/var/lib/pebble/default");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, mode & (UnixFileMode)0b111_000_000);
        Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        Assert.Equal([$"Directory \"/var/lib/pebble/default\" is not writable (read-only file system); listening on \"{socket}\" instead"], notices);
        // Again (a restart): the directory is there already.
        Assert.Equal(socket, paths.ListenSocket(d => d == "/var/lib/pebble/default" ? "read-only file system" : null, _ => { }, root));
    }

    [Fact]
    public void Pebble_socket_wins_as_upstream_and_an_unwritable_one_is_named()
    {
        var paths = EnvPaths.From(n => n == "PEBBLE_SOCKET" ? "/run/api/p.socket" : null);
        Assert.Equal("/run/api/p.socket", paths.ListenSocket(d => d == "/var/lib/pebble/default" ? "read-only file system" : null, _ => { }));
        var e = Assert.Throws<InvalidOperationException>(() => paths.ListenSocket(_ => "read-only file system", _ => { }));
        Assert.Equal("cannot listen on socket \"/run/api/p.socket\": directory \"/run/api\" is not writable (read-only file system); set PEBBLE_SOCKET to a path in a writable directory", e.Message);
    }

    [Fact]
    public void With_nowhere_to_write_the_error_names_both_places_and_what_to_mount()
    {
        // A file where the fallback's parent should be: no directory can be made there, for root too.
        using var tmp = new TempDirectory();
        var blocker = tmp.Write("tmp", "not a directory");
        var e = Assert.Throws<InvalidOperationException>(() =>
            EnvPaths.From(_ => null).ListenSocket(d => d == "/var/lib/pebble/default" ? "read-only file system" : null, _ => { }, blocker + "/pebble"));
        Assert.StartsWith($"cannot listen on the API socket: \"/var/lib/pebble/default\" is not writable (read-only file system) and neither is \"{blocker}/pebble/var/lib/pebble/default\" (", e.Message);
        Assert.EndsWith($"); mount a writable directory on {blocker} (for example docker run --tmpfs /tmp) or on /var/lib/pebble/default, or set PEBBLE_SOCKET to a path in a writable directory", e.Message);
    }

    [Fact]
    public void Client_finds_the_daemons_socket_in_the_directory_or_else_in_the_fallback()
    {
        var paths = EnvPaths.From(_ => null);
        Assert.Equal(paths.DefaultSocket, paths.ConnectSocket(_ => false));
        Assert.Equal(paths.DefaultSocket, paths.ConnectSocket(_ => true));
        Assert.Equal(paths.FallbackSocket(), paths.ConnectSocket(p => p == paths.FallbackSocket()));
        var set = EnvPaths.From(n => n == "PEBBLE_SOCKET" ? "/run/p.socket" : null);
        Assert.Equal("/run/p.socket", set.ConnectSocket(_ => true));
    }

    [Fact]
    public void Not_writable_reports_the_reason()
    {
        using var tmp = new TempDirectory();
        Assert.Null(EnvPaths.NotWritable(tmp.Path));
        var file = tmp.Write("file", "");
        Assert.Equal("not a directory", EnvPaths.NotWritable(file + "/sub"));
        Assert.Equal("no such file or directory", EnvPaths.NotWritable(tmp.Combine("missing")));
        if (!Environment.IsPrivilegedProcess)
        {
            // Root writes through a mode; only an ordinary user sees this one.
            var locked = tmp.Combine("locked");
            Directory.CreateDirectory(locked);
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            Assert.Equal("permission denied", EnvPaths.NotWritable(locked));
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
