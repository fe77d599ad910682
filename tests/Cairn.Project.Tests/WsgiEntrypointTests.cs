using Cairn.Project.Extensions.Flask;
using Cairn.TestKit;

namespace Cairn.Project.Tests;

public sealed class WsgiEntrypointTests
{
    [Theory]
    [InlineData("app.py", "app = 1", "app:app")]
    [InlineData("main.py", "application = 1", "main:application")]
    [InlineData("app/__init__.py", "from .app import app", "app:app")]
    [InlineData("app/main.py", "def create_app(): pass", "app.main:create_app()")]
    [InlineData("src/app.py", "def make_app(): pass", "src.app:make_app()")]
    [InlineData("foo_bar/main.py", "app = 1", "foo_bar.main:app")]
    [InlineData("backend/app.py", "app = 1", null)]
    public void Finds_the_entrypoint_in_each_candidate_location(string file, string source, string? expected)
    {
        using var temp = new TempDirectory();
        temp.Write(file, source + "\n");
        Assert.Equal(expected, WsgiEntrypoint.Find(temp.Path, "foo-bar", out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Not_A_Name")]
    public void Without_a_valid_name_only_app_and_src_are_searched(string name)
    {
        Assert.Equal(["app", "src"], WsgiEntrypoint.Directories(name));
        Assert.Equal(
            ["app.py", "main.py", "app/__init__.py", "app/app.py", "app/main.py", "src/__init__.py", "src/app.py", "src/main.py"],
            WsgiEntrypoint.Candidates(name));
    }

    [Fact]
    public void Earlier_candidates_win_and_variables_beat_factories()
    {
        using var temp = new TempDirectory();
        temp.Write("app.py", "def create_app(): pass\n");
        temp.Write("src/app.py", "app = 1\n");
        temp.Write("foo_bar/app.py", "app = 1\n");
        Assert.Equal("src.app:app", WsgiEntrypoint.Find(temp.Path, "foo-bar", out _));
        temp.Write("main.py", "app = 1\n");
        Assert.Equal("main:app", WsgiEntrypoint.Find(temp.Path, "foo-bar", out _));
    }

    [Fact]
    public void App_wins_over_application_in_one_file_whatever_their_order()
    {
        using var temp = new TempDirectory();
        temp.Write("app.py", "application = 1\napp = 2\n");
        Assert.Equal("app:app", WsgiEntrypoint.Find(temp.Path, "x", out _));
    }

    [Fact]
    public void A_broken_file_is_reported_with_its_path()
    {
        using var temp = new TempDirectory();
        temp.Write("app/__init__.py", "x = (\n");
        Assert.Null(WsgiEntrypoint.Find(temp.Path, "x", out var error));
        Assert.Equal("app/__init__.py", error!.Value.File);
        Assert.Equal("'(' was never closed", error.Value.Error.Message);
    }
}
