using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Cairn.Sandbox.Processes;

namespace Cairn.IntegrationTests;

/// <summary>
/// A started tool whose output is being collected: it can be sent a signal, fed stdin, and awaited. Killed (with
/// its children) on timeout or disposal.
/// </summary>
public sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly string _commandLine;

    private RunningProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// Starts <paramref name="file"/>; with <paramref name="standardInput"/> its stdin is a pipe that gets that text
    /// and is then closed, otherwise stdin is inherited. It starts as cairn starts its tools, so it dies with the test
    /// process even when that is killed (a CI timeout): no dockerd or cairn of a test outlives the run.
    /// </summary>
    public static RunningProcess Start(
        string file, IReadOnlyList<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, string? standardInput = null)
    {
        var argv = ProcessSpawner.DyingWithCairn(file, args);
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1)) info.ArgumentList.Add(arg);
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        ProcessSpawner.StartAsync(process).GetAwaiter().GetResult();
        var running = new RunningProcess(process, $"{file} {string.Join(' ', args)}");
        if (standardInput is not null)
        {
            running._process.StandardInput.Write(standardInput);
            running._process.StandardInput.Close();
        }

        return running;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The process id: the tool's own (setpriv and setsid exec in place).</summary>
    public int Id => _process.Id;

    /// <summary>What it has written to stderr so far.</summary>
    public string StderrSoFar
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    /// <summary>Sends <paramref name="signal"/> (2 SIGINT, 9 SIGKILL, 15 SIGTERM) to the process itself.</summary>
    public void Signal(int signal) => Send(_process.Id, signal);

    /// <summary>
    /// Sends <paramref name="signal"/> to the process group the process leads (one started under <c>setsid</c>), as a
    /// terminal sends Ctrl+C to its foreground job: to every process of the group, not only the first.
    /// </summary>
    public void SignalGroup(int signal) => Send(-_process.Id, signal);

    private static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the end and returns the output; on timeout kills the tree and throws.</summary>
    public async Task<ProcessOutput> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            lock (_stderr) throw new TimeoutException($"{_commandLine} did not finish within {timeout}:\n{_stderr}");
        }

        _process.WaitForExit(); // drains the output events
        lock (_stdout) lock (_stderr) return new ProcessOutput(_process.ExitCode, _stdout.ToString(), _stderr.ToString());
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
