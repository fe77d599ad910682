using System.Text.RegularExpressions;
using Cairn.Bases;
using Cairn.Sandbox;
using Cairn.TestKit;
using Cairn.Wheelhouse;

namespace Cairn.IntegrationTests;

/// <summary>
/// A Flask project made the way a user makes one: the example app's files, then <c>cairn init --profile
/// flask-framework</c>, then edits to rockcraft.yaml. Packs with Python packages from the offline wheelhouse of
/// its build base, as an air-gapped user would (PIP_NO_INDEX, PIP_FIND_LINKS).
/// </summary>
public sealed class FlaskProject
{
    private FlaskProject(string directory, string name, string buildBase)
    {
        Directory = directory;
        Name = name;
        BuildBase = buildBase;
    }

    public string Directory { get; }

    public string Name { get; }

    public string BuildBase { get; }

    public string RockcraftYaml => Path.Combine(Directory, "rockcraft.yaml");

    /// <summary>Creates the project in <paramref name="directory"/>; <paramref name="base"/> "bare" gets build-base ubuntu@24.04.</summary>
    public static async Task<FlaskProject> CreateAsync(string directory, string name, string @base = "ubuntu@24.04", string requirements = "Flask\n")
    {
        System.IO.Directory.CreateDirectory(directory);
        File.Copy(Repository.PathOf("examples", "flask-hello", "app.py"), Path.Combine(directory, "app.py"));
        File.WriteAllText(Path.Combine(directory, "requirements.txt"), requirements);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "static", "js"));
        File.WriteAllText(Path.Combine(directory, "static", "js", "test.js"), "console.log('test');\n");
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "node_modules", "left-pad"));
        File.WriteAllText(Path.Combine(directory, "node_modules", "left-pad", "index.js"), "module.exports = 1;\n");

        var init = await CairnProcess.RunAsync(directory, new Dictionary<string, string?>(), "init", "--profile", "flask-framework", "--name", name);
        Assert.True(init.ExitCode == 0, $"cairn init failed: {init}");
        var buildBase = @base == "bare" ? "ubuntu@24.04" : @base;
        var project = new FlaskProject(directory, name, buildBase);
        // As a user would: bare is one edit of the base line (the template's build-base stays); another Ubuntu
        // base changes both lines.
        project.Edit(yaml => Regex.Replace(yaml, "(?m)^base: ubuntu@24.04", $"base: {@base}"));
        if (@base != "bare")
            project.Edit(yaml => Regex.Replace(yaml, "(?m)^build-base: ubuntu@24.04", $"build-base: {@base}"));
        return project;
    }

    public void Edit(Func<string, string> change) => File.WriteAllText(RockcraftYaml, change(File.ReadAllText(RockcraftYaml)));

    /// <summary>The variables a pack of this project runs with: the wheelhouse, nothing of the machine's own PIP_* settings.</summary>
    public async Task<Dictionary<string, string?>> PackEnvironmentAsync(long? sourceDateEpoch = null)
    {
        var host = SandboxHost.FromEnvironment(Environment.GetEnvironmentVariable);
        var wheelhouse = await new WheelhouseBuilder(host).GetAsync(BaseName.Parse(BuildBase), CancellationToken.None);
        return new Dictionary<string, string?>
        {
            ["PIP_NO_INDEX"] = "1",
            ["PIP_FIND_LINKS"] = wheelhouse,
            ["PIP_INDEX_URL"] = null,
            ["PIP_EXTRA_INDEX_URL"] = null,
            ["PIP_CONSTRAINT"] = null,
            ["SOURCE_DATE_EPOCH"] = sourceDateEpoch?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Packs into <paramref name="outputDirectory"/> and returns the .rock's path (asserting success).</summary>
    public async Task<string> PackAsync(string outputDirectory, long? sourceDateEpoch = null)
    {
        var result = await PackRawAsync(outputDirectory, sourceDateEpoch);
        Assert.True(result.ExitCode == 0, $"cairn pack failed: {result}");
        var rock = result.Stdout.Trim();
        Assert.True(File.Exists(rock), $"cairn pack printed '{rock}', which does not exist");
        return rock;
    }

    public async Task<ProcessOutput> PackRawAsync(string outputDirectory, long? sourceDateEpoch = null) =>
        await CairnProcess.RunAsync(Directory, await PackEnvironmentAsync(sourceDateEpoch), "pack", "--output", outputDirectory);
}
