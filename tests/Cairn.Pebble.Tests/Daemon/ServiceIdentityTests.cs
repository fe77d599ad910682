using Cairn.Pebble.Supervisor;
using Cairn.Pebble.Plan;
using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>Who a service runs as: the plan's user when pebble can switch to it, else (not root) pebble's own user.</summary>
public sealed class ServiceIdentityTests : IDisposable
{
    private readonly TempDirectory root = new();

    public ServiceIdentityTests()
    {
        root.Write("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n_daemon_:x:584792:584792::/var/lib/pebble/default:/usr/bin/false\nme:x:1000:1000::/home/me:/bin/sh\n");
        root.Write("etc/group", "root:x:0:\n_daemon_:x:584792:\nme:x:1000:\n");
    }

    public void Dispose() => root.Dispose();

    [Fact]
    public void Root_switches_to_the_plans_user()
    {
        var identity = ServiceIdentity.For(Service("user: _daemon_"), new UserLookup(root.Path, (0, 0), isRoot: true));
        Assert.Equal((584792u, 584792u, "_daemon_", null), (identity.Uid, identity.Gid, identity.User?.Name, identity.Fallback));
    }

    [Fact]
    public void Not_root_runs_the_service_as_itself_and_says_why()
    {
        // OpenShift: an arbitrary uid in group 0, unknown to the passwd file.
        var identity = ServiceIdentity.For(Service("user: _daemon_"), new UserLookup(root.Path, (1000770000, 0), isRoot: false));
        Assert.Equal((null, null, null), (identity.Uid, identity.Gid, identity.User));
        Assert.Equal("Service \"flask\" runs as the current user (uid 1000770000, gid 0): pebble is not root, so it cannot switch to user \"_daemon_\" (uid 584792, gid 584792)", identity.Fallback);

        // A known uid: HOME and USER come from its own entry, not from the user it could not become.
        var known = ServiceIdentity.For(Service("user-id: 584792\n        group-id: 584792"), new UserLookup(root.Path, (1000, 1000), isRoot: false));
        Assert.Equal("me", known.User?.Name);
        Assert.EndsWith("cannot switch to uid 584792, gid 584792", known.Fallback);
    }

    [Fact]
    public void Not_root_and_already_the_plans_user_is_no_fallback()
    {
        var identity = ServiceIdentity.For(Service("user: me"), new UserLookup(root.Path, (1000, 1000), isRoot: false));
        Assert.Equal((1000u, 1000u, "me", null), (identity.Uid, identity.Gid, identity.User?.Name, identity.Fallback));
        Assert.Equal(new ServiceIdentity(null, null, null), ServiceIdentity.For(Service(""), new UserLookup(root.Path, (1000, 1000), isRoot: false)));
    }

    [Fact]
    public void Unknown_users_stay_errors_whoever_pebble_runs_as()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ServiceIdentity.For(Service("user: ghost"), new UserLookup(root.Path, (1000, 1000), isRoot: false)));
        Assert.Equal("user: unknown user ghost", e.Message);
    }

    private static Service Service(string fields) =>
        LayerParser.Parse($"services:\n    flask:\n        override: replace\n        command: /bin/true\n        {fields}\n", "l", 1).Services["flask"];
}
