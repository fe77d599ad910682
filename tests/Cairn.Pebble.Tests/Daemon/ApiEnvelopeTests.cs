using Cairn.Pebble.Daemon;
using Cairn.Pebble.Supervisor;

namespace Cairn.Pebble.Tests.Daemon;

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
