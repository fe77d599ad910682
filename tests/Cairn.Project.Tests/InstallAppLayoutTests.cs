using Cairn.Project.Extensions.Flask;
using Cairn.TestKit;

namespace Cairn.Project.Tests;

/// <summary>What install-app takes from the project directory when the user's prime list only excludes.</summary>
public sealed class InstallAppLayoutTests
{
    [Fact]
    public void Packs_own_outputs_in_the_project_are_never_shipped_as_app_files()
    {
        using var temp = new TempDirectory();
        foreach (var file in new[] { "app.py", "notes.txt", "hello_0.1_amd64.rock", "hello_0.1_amd64.spdx.json" })
            temp.Write(file, "x\n");

        var (organize, _, _) = FlaskFramework.InstallAppLayout(temp.Path, ["-flask/app/notes.txt"]);

        Assert.Equal(["app.py", "notes.txt"], organize.Children.Keys.Select(k => k.ToString()));
    }
}
