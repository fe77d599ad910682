using System.Diagnostics;
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

    /// <summary>Runs the real cairn (the published Native AOT binary) in a directory, with <paramref name="variables"/> added to its environment.</summary>
    public static async Task<CliRun> PublishedAsync(string directory, IReadOnlyDictionary<string, string> variables, params string[] args)
    {
        var info = new ProcessStartInfo(PublishedBinary.Cairn.Path) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        foreach (var (name, value) in variables)
            info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A scratch copy of the flask-sync fixture's app (app.py, requirements.txt, static/, templates/) without its rockcraft.yaml.</summary>
    public static string ExampleProject(TempDirectory temp, string name = "flask-hello")
    {
        var directory = temp.CopyFrom(Path.Combine(Repository.Fixtures, "flask-sync"), name);
        File.Delete(Path.Combine(directory, "rockcraft.yaml"));
        return directory;
    }
}
