using Cairn.TestKit;

namespace Cairn.Cli.Tests;

/// <summary>Runs cairn in-process in a directory, capturing stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun In(string directory, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = Program.Run(args, new CliContext(stdout, stderr, directory));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A scratch copy of the flask-sync fixture's app (app.py, requirements.txt, static/, templates/) without its rockcraft.yaml.</summary>
    public static string ExampleProject(TempDirectory temp, string name = "flask-hello")
    {
        var directory = temp.CopyFrom(Path.Combine(Repository.Fixtures, "flask-sync"), name);
        File.Delete(Path.Combine(directory, "rockcraft.yaml"));
        return directory;
    }
}
