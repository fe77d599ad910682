using Cairn.TestKit;

namespace Cairn.Cli.Tests;

public sealed class ExpandExtensionsCommandTests
{
    [Fact]
    public void Without_a_project_file_it_is_a_user_error()
    {
        using var temp = new TempDirectory();
        var run = CliRun.In(temp.Path, "expand-extensions");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(
            "error: cannot find rockcraft.yaml: there is no project file here\nhint: run 'cairn init --profile flask-framework' to create one, or pass --project-dir\n",
            run.Error);
    }

    [Fact]
    public void Errors_name_the_file_as_given_with_project_dir_and_show_the_line()
    {
        using var temp = new TempDirectory();
        var project = CliRun.ExampleProject(temp, "web");
        Assert.Equal(0, CliRun.In(project, "init", "--profile", "flask-framework").ExitCode);
        var path = Path.Combine(project, "rockcraft.yaml");
        File.WriteAllText(path, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), "(?m)^base: ubuntu@24.04", "base: ubuntu@26.04"));

        var run = CliRun.In(temp.Path, "expand-extensions", "--project-dir", "web");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Golden.Assert("tests/Cairn.Cli.Tests/Golden/errors/unsupported-base.txt", run.Error);
    }

    [Fact]
    public void A_python_syntax_error_points_into_the_python_file()
    {
        using var temp = new TempDirectory();
        var project = CliRun.ExampleProject(temp, "web");
        Assert.Equal(0, CliRun.In(project, "init", "--profile", "flask-framework").ExitCode);
        File.AppendAllText(Path.Combine(project, "app.py"), "\nbroken = (1,\n");

        var run = CliRun.In(temp.Path, "expand-extensions", "-p", "web");
        Assert.Equal(1, run.ExitCode);
        Golden.Assert("tests/Cairn.Cli.Tests/Golden/errors/python-syntax.txt", run.Error);
    }

    [Fact]
    public void The_bundled_example_expands_with_the_sync_worker()
    {
        using var temp = new TempDirectory();
        var project = CliRun.ExampleProject(temp);
        Assert.Equal(0, CliRun.In(project, "init", "--profile", "flask-framework", "--name", "flask-hello").ExitCode);
        var run = CliRun.In(project, "expand-extensions");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("command: /bin/python3 -m gunicorn -c /flask/gunicorn.conf.py 'app:app' -k [ sync ]\n", run.Out);
        Assert.Contains("source: $CAIRN_PAYLOAD/statsd_exporter\n", run.Out);
        Assert.DoesNotContain(temp.Path, run.Out);
    }
}
