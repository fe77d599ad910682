using Cairn.Project.Init;
using Cairn.TestKit;

namespace Cairn.Cli.Tests;

public sealed class InitCommandTests
{
    [Theory]
    [InlineData("simple")]
    [InlineData("flask-framework")]
    public void Init_then_expand_succeeds_for_each_profile(string profile)
    {
        using var temp = new TempDirectory();
        var project = CliRun.ExampleProject(temp, "my-app");
        var init = CliRun.In(project, "init", "--profile", profile);
        Assert.Equal(0, init.ExitCode);
        Assert.Equal("", init.Error);
        Golden.Assert($"tests/Cairn.Cli.Tests/Golden/init/{profile}.yaml", File.ReadAllText(Path.Combine(project, "rockcraft.yaml")));

        var expand = CliRun.In(project, "expand-extensions");
        Assert.True(expand.ExitCode == 0, expand.Error);
        Assert.StartsWith("name: my-app\ntitle: my-app\n", expand.Out);
        Golden.Assert($"tests/Cairn.Cli.Tests/Golden/init/{profile}.expanded.yaml", expand.Out);
    }

    public static IEnumerable<object[]> TemplateBlocks =>
        CommentedBlocks(ProjectInitializer.Template("flask-framework")).Select(b => new object[] { b.Name });

    [Theory]
    [MemberData(nameof(TemplateBlocks))]
    public void Uncommenting_a_block_of_the_flask_template_still_expands(string block)
    {
        using var temp = new TempDirectory();
        var project = CliRun.ExampleProject(temp);
        Assert.Equal(0, CliRun.In(project, "init", "--profile", "flask-framework").ExitCode);
        var path = Path.Combine(project, "rockcraft.yaml");
        File.WriteAllText(path, Uncomment(File.ReadAllText(path), block));

        var expand = CliRun.In(project, "expand-extensions");
        Assert.True(expand.ExitCode == 0, expand.Error);
        // The uncommented block really took effect: its part is in the expanded project.
        Assert.Contains($"  {block}:\n", expand.Out);
    }

    [Theory]
    [InlineData("bare", "runtime-slices", "- python3.10-venv_ensurepip\n")]
    [InlineData("ubuntu@22.04", "runtime-debs", "- python3-venv\n")]
    public void The_template_serves_each_base_with_its_block_uncommented(string baseName, string block, string expected)
    {
        // As upstream's uncomment-blocks test: bare with chisel slices, 22.04 with Debian packages.
        using var temp = new TempDirectory();
        var project = CliRun.ExampleProject(temp);
        Assert.Equal(0, CliRun.In(project, "init", "--profile", "flask-framework").ExitCode);
        var path = Path.Combine(project, "rockcraft.yaml");
        var text = Uncomment(File.ReadAllText(path), block);
        // bare is one edit of the base line; here the build-base is 22.04 too, for its slices.
        text = System.Text.RegularExpressions.Regex.Replace(text, "(?m)^base: .*$", $"base: {baseName}");
        text = System.Text.RegularExpressions.Regex.Replace(text, "(?m)^build-base: .*$", "build-base: ubuntu@22.04");
        File.WriteAllText(path, text);

        var expand = CliRun.In(project, "expand-extensions");
        Assert.True(expand.ExitCode == 0, expand.Error);
        Assert.Contains($"  {block}:\n", expand.Out);
        Assert.Contains(expected, expand.Out);
    }

    [Fact]
    public void The_templates_bare_flow_is_one_edit_of_the_base_line()
    {
        // Upstream's flow: init, then set 'base: bare'; the template's build-base line makes that enough.
        using var temp = new TempDirectory();
        var project = CliRun.ExampleProject(temp);
        Assert.Equal(0, CliRun.In(project, "init", "--profile", "flask-framework").ExitCode);
        var path = Path.Combine(project, "rockcraft.yaml");
        File.WriteAllText(path, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), "(?m)^base: ubuntu@24.04", "base: bare"));

        var expand = CliRun.In(project, "expand-extensions");
        Assert.True(expand.ExitCode == 0, expand.Error);
        Assert.Contains("base: bare\nbuild-base: ubuntu@24.04\n", expand.Out);
    }

    [Fact]
    public void The_flask_template_has_the_four_upstream_blocks()
    {
        Assert.Equal(
            ["flask-framework/install-app", "flask-framework/dependencies", "runtime-slices", "runtime-debs"],
            CommentedBlocks(ProjectInitializer.Template("flask-framework")).Select(b => b.Name));
    }

    [Fact]
    public void Uncommenting_every_block_at_once_still_expands()
    {
        using var temp = new TempDirectory();
        var project = CliRun.ExampleProject(temp);
        Assert.Equal(0, CliRun.In(project, "init", "--profile", "flask-framework").ExitCode);
        var path = Path.Combine(project, "rockcraft.yaml");
        var text = File.ReadAllText(path);
        foreach (var (name, _) in CommentedBlocks(text))
            text = Uncomment(text, name);
        File.WriteAllText(path, text);
        var expand = CliRun.In(project, "expand-extensions");
        Assert.True(expand.ExitCode == 0, expand.Error);
        Assert.Contains("- pkg-config\n", expand.Out);
    }

    [Fact]
    public void Never_overwrites_a_file()
    {
        using var temp = new TempDirectory();
        temp.Write("rockcraft.yaml", "mine\n");
        var run = CliRun.In(temp.Path, "init");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot write rockcraft.yaml: the file already exists", run.Error);
        Assert.Equal("mine\n", File.ReadAllText(temp.Combine("rockcraft.yaml")));
    }

    [Fact]
    public void An_unknown_profile_lists_the_valid_ones()
    {
        using var temp = new TempDirectory();
        var run = CliRun.In(temp.Path, "init", "--profile", "django");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: cannot use profile 'django': there is no such profile\nhint: profiles: flask-framework, simple\n", run.Error);
        Assert.False(File.Exists(temp.Combine("rockcraft.yaml")));
    }

    [Fact]
    public void An_invalid_explicit_name_fails_and_an_invalid_directory_name_falls_back()
    {
        using var temp = new TempDirectory();
        var bad = CliRun.In(temp.Path, "init", "--name", "Bad_Name");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("cannot use name 'Bad_Name'", bad.Error);

        var dir = Directory.CreateDirectory(temp.Combine("Not_A_Name")).FullName;
        Assert.Equal(0, CliRun.In(dir, "init").ExitCode);
        Assert.StartsWith($"name: {ProjectInitializer.FallbackName}\n", File.ReadAllText(Path.Combine(dir, "rockcraft.yaml")));
    }

    [Fact]
    public void Project_dir_option_writes_there()
    {
        using var temp = new TempDirectory();
        var run = CliRun.In(temp.Path, "init", "--name", "elsewhere", "--project-dir", "sub");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("name: elsewhere\n", File.ReadAllText(temp.Combine("sub", "rockcraft.yaml")));
    }

    /// <summary>The template's commented blocks: a "#   name:" line and the commented lines below it, up to a blank line.</summary>
    private static List<(string Name, List<int> Lines)> CommentedBlocks(string template)
    {
        var lines = template.Split('\n');
        var blocks = new List<(string, List<int>)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var m = System.Text.RegularExpressions.Regex.Match(lines[i], "^#   ([a-z][a-z0-9/-]*):$");
            if (!m.Success)
                continue;
            var block = new List<int>();
            for (var j = i; j < lines.Length && lines[j].StartsWith('#'); j++)
                block.Add(j);
            blocks.Add((m.Groups[1].Value, block));
        }

        return blocks;
    }

    /// <summary>Uncomments the "# parts:" line and one block, the way a user would: drop the leading "# ".</summary>
    private static string Uncomment(string text, string block)
    {
        var lines = text.Split('\n');
        var (_, blockLines) = CommentedBlocks(text).Single(b => b.Name == block);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] == "# parts:" || blockLines.Contains(i))
                lines[i] = lines[i].StartsWith("# ", StringComparison.Ordinal) ? lines[i][2..] : lines[i][1..];
        }

        return string.Join('\n', lines);
    }
}
