using System.Diagnostics;

namespace Cairn.Oci.Tests;

/// <summary>Runs an external judge (skopeo, umoci, podman) and returns what it said.</summary>
internal static class ToolRun
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string tool, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, int timeoutMinutes = 2)
    {
        var info = new ProcessStartInfo(TestKit.Tools.Require(tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(timeoutMinutes)))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{tool} {string.Join(' ', args)} did not finish in {timeoutMinutes} minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs and fails the test, showing the tool's output, when it exits non-zero.</summary>
    public static string Check(string tool, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, int timeoutMinutes = 2)
    {
        var list = args.ToList();
        var (code, stdout, stderr) = Run(tool, list, environment, timeoutMinutes);
        if (code != 0)
            throw new Xunit.Sdk.XunitException($"{tool} {string.Join(' ', list)} exited {code}:\n{stderr}\n{stdout}");
        return stdout;
    }
}
