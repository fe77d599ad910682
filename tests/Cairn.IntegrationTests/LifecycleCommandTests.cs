using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>The lifecycle verbs through the real cairn executable and build environment.</summary>
[Collection(nameof(RockCollection))]
public sealed class LifecycleCommandTests
{
    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Prime_Twice_RunsNothingTheSecondTime_AndAnAppEditRedoesOnlyInstallApp_AndCleanRemovesPrime()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "lifecycle");
        var env = await project.PackEnvironmentAsync();

        var first = await CairnProcess.RunAsync(project.Directory, env, "prime");
        Assert.True(first.ExitCode == 0, first.ToString());
        var prime = first.Stdout.Trim();
        Assert.True(File.Exists(Path.Combine(prime, "flask", "app", "app.py")), $"no app.py in {prime}");

        var second = await CairnProcess.RunAsync(project.Directory, env, "prime");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("started ", second.Stderr);
        Assert.Contains("nothing to do", second.Stderr);

        File.AppendAllText(Path.Combine(project.Directory, "app.py"), "\n# edited\n");
        var third = await CairnProcess.RunAsync(project.Directory, env, "prime");
        Assert.True(third.ExitCode == 0, third.ToString());
        var started = third.Stderr.Split('\n').Where(l => l.StartsWith("started ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(started);
        Assert.All(started, l => Assert.EndsWith("flask-framework/install-app", l.Split(" (")[0], StringComparison.Ordinal));
        Assert.Contains("# edited", File.ReadAllText(Path.Combine(prime, "flask", "app", "app.py")));

        var clean = await CairnProcess.RunAsync(project.Directory, env, "clean");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(Directory.Exists(prime), "prime is still there after clean");
    }

    [ToolFact("mmdebstrap", "bwrap")]
    public async Task Build_UnknownPart_IsAUserErrorNamingIt()
    {
        using var temp = new TempDirectory("cairn-lifecycle");
        var project = await FlaskProject.CreateAsync(temp.Combine("project"), "unknownpart");

        var result = await CairnProcess.RunAsync(project.Directory, await project.PackEnvironmentAsync(), "build", "no-such-part");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-part", result.Stderr);
    }
}
