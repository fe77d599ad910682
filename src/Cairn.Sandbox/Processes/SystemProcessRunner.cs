using System.ComponentModel;
using System.Diagnostics;
using Cairn.Diagnostics;

namespace Cairn.Sandbox.Processes;

/// <summary>The real <see cref="IProcessRunner"/>: starts processes on this machine.</summary>
public sealed class SystemProcessRunner : IProcessRunner
{
    /// <summary>How many trailing output lines a <see cref="CommandResult"/> keeps for error messages.</summary>
    public const int TailLines = 20;

    /// <inheritdoc />
    public async Task<CommandResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken)
    {
        var redirect = !request.Interactive;
        var program = Resolve(request);
        var argv = ProcessSpawner.DyingWithCairn(program, request.Arguments.Skip(1));
        var info = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
            RedirectStandardInput = redirect,
            UseShellExecute = false,
        };
        foreach (var argument in argv.Skip(1))
            info.ArgumentList.Add(argument);
        if (request.WorkingDirectory is not null)
            info.WorkingDirectory = request.WorkingDirectory;
        if (request.ClearEnvironment)
            info.Environment.Clear();
        foreach (var (name, value) in request.Environment)
        {
            if (value is null)
                info.Environment.Remove(name);
            else
                info.Environment[name] = value;
        }

        var tail = new Queue<string>();
        var gate = new object();
        StreamWriter? log = null;
        if (request.LogFile is not null && redirect)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(request.LogFile))!);
            log = new StreamWriter(request.LogFile, append: true);
        }

        // stdout and stderr are read on two threads: the callback is called under the same lock, one line at a time,
        // so callers may collect lines in a plain list.
        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (gate)
            {
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                    tail.Dequeue();
                log?.WriteLine(line);
                request.OnOutput?.Invoke(line);
            }
        }

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        try
        {
            await ProcessSpawner.StartAsync(process).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            log?.Dispose();
            throw CannotRun(request, e.Message, e);
        }

        if (redirect)
        {
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process).ConfigureAwait(false);
            throw;
        }
        finally
        {
            // WaitForExitAsync returns once the output streams are drained, so the log is complete here.
            if (log is not null)
                await log.DisposeAsync().ConfigureAwait(false);
        }

        lock (gate)
            return new CommandResult(process.ExitCode, tail.ToArray());
    }

    /// <summary>
    /// The program's full path, found as the kernel's execvp would (on PATH when the name has no slash). Found here
    /// rather than by the wrapper that makes it die with cairn, so that a missing tool is an error of cairn's own.
    /// </summary>
    private static string Resolve(ProcessRequest request)
    {
        var name = request.Arguments[0];
        var found = name.Contains('/', StringComparison.Ordinal)
            ? Path.GetFullPath(name)
            : (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, name))
                .FirstOrDefault(File.Exists);
        return found is not null && File.Exists(found) ? found : throw CannotRun(request, "No such file or directory", inner: null);
    }

    private static CairnException CannotRun(ProcessRequest request, string why, Exception? inner) =>
        CairnException.Environment(SandboxErrorCodes.ToolFailed, $"cannot run {request.Arguments[0]}: {why}", $"command: {request.CommandLine}", inner);

    /// <summary>
    /// Stops a cancelled process: SIGTERM first, because mmdebstrap in root mode mounts /proc, /sys and /dev
    /// in its chroot and only unmounts them when it can clean up; then, after a grace period, SIGKILL. Every process
    /// of the tree gets the signals, not only the one cairn started: bwrap dies of SIGTERM without passing it on, and
    /// the step in its sandbox would run on. Returns once the whole tree has ended (or has been sent SIGKILL), so nothing
    /// of a cancelled command outlives it.
    /// </summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
            return;
        var tree = ProcessTree.Of(process.Id);
        foreach (var member in tree)
            _ = Kill(member.Pid, SignalTerm);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            // Processes that are not our children cannot be awaited; their end shows in /proc.
            while (tree.Any(ProcessTree.IsAlive))
                await Task.Delay(20, grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            foreach (var member in tree.Where(ProcessTree.IsAlive))
                _ = Kill(member.Pid, SignalKill);
            if (!process.HasExited)
                process.Kill(entireProcessTree: true); // and what it started during the grace period
        }
    }

    private const int SignalTerm = 15;

    private const int SignalKill = 9;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
