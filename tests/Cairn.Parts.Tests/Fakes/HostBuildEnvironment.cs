using System.Diagnostics;
using Cairn.Sandbox;

namespace Cairn.Parts.Tests.Fakes;

/// <summary>
/// A build environment that runs commands with the host's bash (as destructive mode would), with a small fixed
/// environment, and "stages" packages by writing a marker file per package (or by <see cref="OnStagePackage"/>).
/// </summary>
public sealed class HostBuildEnvironment : IBuildEnvironment
{
    /// <summary>Variables every command gets (PIP_* for tests that install wheels).</summary>
    public Dictionary<string, string> Variables { get; } = new()
    {
        ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ["LANG"] = "C.UTF-8",
    };

    /// <summary>Replaces the default marker file for a staged package: (package, target directory).</summary>
    public Action<string, string>? OnStagePackage { get; set; }

    /// <summary>How many commands ran.</summary>
    public int CommandCount { get; private set; }

    public string Description => "the host (test)";

    public async Task<CommandResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken)
    {
        CommandCount++;
        var info = new ProcessStartInfo(command.Arguments[0])
        {
            WorkingDirectory = command.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in command.Arguments.Skip(1)) info.ArgumentList.Add(arg);
        info.Environment.Clear();
        info.Environment["HOME"] = Path.GetTempPath();
        foreach (var (k, v) in Variables) info.Environment[k] = v;
        foreach (var (k, v) in command.Environment) info.Environment[k] = v;

        var lines = new List<string>();
        var gate = new object();
        using var process = new Process { StartInfo = info };
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (gate)
            {
                lines.Add(line);
                command.OnOutput?.Invoke(line);
                if (command.LogFile is not null) File.AppendAllText(command.LogFile, line + "\n");
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        process.WaitForExit();
        lock (gate) return new CommandResult(process.ExitCode, lines.TakeLast(20).ToList());
    }

    /// <summary>The lifecycle never opens a shell itself (its caller's <c>OpenShell</c> does), so no test needs this.</summary>
    public Task<int> RunInteractiveAsync(SandboxCommand command, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the host test environment has no terminal to share");

    public Task<IReadOnlyList<StagedPackage>> StagePackagesAsync(IReadOnlyList<string> packages, string targetDirectory, CancellationToken cancellationToken)
    {
        var result = new List<StagedPackage>();
        foreach (var package in packages)
        {
            if (OnStagePackage is not null)
            {
                OnStagePackage(package, targetDirectory);
            }
            else
            {
                var doc = Path.Combine(targetDirectory, "usr/share/doc", package);
                Directory.CreateDirectory(doc);
                File.WriteAllText(Path.Combine(doc, "copyright"), "fake package " + package + "\n");
            }

            result.Add(new StagedPackage(package, "1.0", "amd64"));
        }

        return Task.FromResult<IReadOnlyList<StagedPackage>>(result);
    }
}
