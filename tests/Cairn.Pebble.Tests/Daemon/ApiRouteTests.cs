using Cairn.Http;
using Cairn.Pebble.Daemon;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>The route table's matching and access rules, without a daemon.</summary>
public class ApiRouteTests
{
    private static readonly ApiMethod Open = new(ApiAccess.Open, _ => ApiResponse.Sync(w => w.WriteStringValue("open")));
    private static readonly ApiMethod User = new(ApiAccess.User, _ => ApiResponse.Sync(w => w.WriteStringValue("user")));
    private static readonly ApiMethod Admin = new(ApiAccess.Admin, _ => Task.FromResult(ApiResponse.Sync(w => w.WriteStringValue("admin"))));

    private static readonly ApiRoute[] Routes =
    [
        new("/v1/changes", Get: User),
        new("/v1/changes/", Get: User, Post: Admin),
        new("/v1/health", Get: Open),
    ];

    [Theory]
    [InlineData("/v1/changes", "/v1/changes")]
    [InlineData("/v1/changes/", "/v1/changes/")]
    [InlineData("/v1/changes/7", "/v1/changes/")]
    [InlineData("/v1/changes/7/wait", "/v1/changes/")]
    [InlineData("/v1/health", "/v1/health")]
    [InlineData("/v1/health/", null)]
    [InlineData("/v1/changesx", null)]
    [InlineData("/v1", null)]
    public void A_path_finds_its_own_route_else_the_directory_it_is_under(string path, string? route) =>
        Assert.Equal(route, ApiRoute.Find(Routes, path)?.Path);

    [Fact]
    public void A_route_answers_only_its_methods()
    {
        var changes = ApiRoute.Find(Routes, "/v1/changes/1")!;
        Assert.Same(User, changes.For("GET"));
        Assert.Same(Admin, changes.For("POST"));
        Assert.Null(changes.For("PUT"));
        Assert.Null(changes.For("HEAD"));
        Assert.Null(ApiRoute.Find(Routes, "/v1/health")!.For("POST"));
    }

    [Theory]
    [InlineData(nameof(ApiAccess.Open), false, false, true)]
    [InlineData(nameof(ApiAccess.Open), true, false, true)]
    [InlineData(nameof(ApiAccess.User), false, false, false)]
    [InlineData(nameof(ApiAccess.User), true, false, true)]
    [InlineData(nameof(ApiAccess.Admin), true, false, false)]
    [InlineData(nameof(ApiAccess.Admin), true, true, true)]
    public void Access_needs_the_unix_socket_and_for_admin_root_or_the_daemons_user(string access, bool unix, bool admin, bool allowed)
    {
        var request = new ApiRequest { Method = "GET", Path = "/v1/x", Target = "/v1/x", IsUnix = unix, IsAdmin = admin };
        Assert.Equal(allowed, new ApiMethod(Enum.Parse<ApiAccess>(access), _ => new HttpResponse()).Allows(request));
    }

    [Fact]
    public async Task Sync_and_async_handlers_answer_alike()
    {
        var request = new ApiRequest { Method = "GET", Path = "/v1/x", Target = "/v1/x" };
        Assert.Contains("\"open\"", Api.BodyText(await Open.Handler(request)));
        Assert.Contains("\"admin\"", Api.BodyText(await Admin.Handler(request)));
    }
}
