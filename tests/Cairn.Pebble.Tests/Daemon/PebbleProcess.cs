using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>A <c>pebble</c> daemon run in a temporary <c>$PEBBLE</c>, with its output captured for assertions.</summary>
public sealed class PebbleProcess : IDisposable
{
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private Process? process;

    public PebbleProcess()
    {
        Dir = new TempDirectory("pebble");
        Directory.CreateDirectory(Dir.Combine("layers"));
    }

    public TempDirectory Dir { get; }

    /// <summary>Extra environment variables for the daemon and CLI runs.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public string PebbleDir => Dir.Path;

    /// <summary>A command <see cref="Start"/> runs pebble under (it must exec <c>"$@"</c> or its arguments); empty: none.</summary>
    public string[] Wrapper { get; set; } = [];

    /// <summary>The API socket: <c>$PEBBLE_SOCKET</c> when the test sets it, else the default in <c>$PEBBLE</c>.</summary>
    public string SocketPath => Environment.TryGetValue("PEBBLE_SOCKET", out var socket) ? socket : Path.Combine(PebbleDir, ".pebble.socket");

    public string Stderr
    {
        get { lock (stderr) return stderr.ToString(); }
    }

    public string Stdout
    {
        get { lock (stdout) return stdout.ToString(); }
    }

    public int Pid => process!.Id;

    /// <summary>Writes a layer file <c>layers/NAME</c>.</summary>
    public void Layer(string name, string yaml) => Dir.Write("layers/" + name, yaml);

    /// <summary>Starts <c>pebble ARGS</c> in the background (run, enter ...).</summary>
    public void Start(params string[] args)
    {
        var psi = Info(args);
        if (Wrapper.Length > 0)
        {
            psi.FileName = Wrapper[0];
            psi.ArgumentList.Clear();
            foreach (var a in Wrapper.Skip(1).Append(PublishedBinary.Pebble.Path).Concat(args)) psi.ArgumentList.Add(a);
        }

        process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts the daemon and waits for <c>Started daemon.</c>.</summary>
    public void StartDaemon(params string[] args)
    {
        Start(["run", .. args]);
        WaitFor("Started daemon.");
    }

    /// <summary>Waits until stderr contains <paramref name="text"/> (generous timeout; fails with the log).</summary>
    public void WaitFor(string text, int seconds = 20) => WaitUntil(() => Stderr.Contains(text, StringComparison.Ordinal), $"stderr to contain \"{text}\"", seconds);

    /// <summary>Waits for a condition, failing with the daemon's log after the timeout.</summary>
    public void WaitUntil(Func<bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for {what}; stderr:\n{Stderr}\nstdout:\n{Stdout}");
            if (process is { HasExited: true })
            {
                // An exited process's last output may still be on its way to the handlers: drain it, then decide.
                process.WaitForExit();
                if (!condition()) throw new Xunit.Sdk.XunitException($"pebble exited ({process.ExitCode}) before {what}; stderr:\n{Stderr}");
            }
            Thread.Sleep(50);
        }
    }

    /// <summary>
    /// The content of <paramref name="relativePath"/> (in <c>$PEBBLE</c>) once a service has written it whole (it ends
    /// with a newline). "Started default services" means only that the okay window passed, not that a service's
    /// shell got as far as writing: on a loaded machine it may not have.
    /// </summary>
    public string ReadWhenWritten(string relativePath)
    {
        var path = Dir.Combine(relativePath);
        string? text = null;
        WaitUntil(() => File.Exists(path) && (text = File.ReadAllText(path)).EndsWith('\n'), $"{relativePath} to be written");
        return text!;
    }

    /// <summary>The pid a service wrote to <paramref name="relativePath"/> (<c>echo $$ &gt; FILE</c>).</summary>
    public int PidWhenWritten(string relativePath) => int.Parse(ReadWhenWritten(relativePath).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>pebble logs ARGS</c> once its output contains <paramref name="text"/>: a service's output reaches the log
    /// buffer when the service gets round to writing it, which may be after its okay window on a loaded machine.
    /// </summary>
    public string LogsWhenTheyContain(string text, params string[] args)
    {
        var logs = "";
        WaitUntil(() => (logs = Cli(["logs", .. args]).Stdout).Contains(text, StringComparison.Ordinal), $"pebble logs {string.Join(' ', args)} to contain \"{text}\"");
        return logs;
    }

    /// <summary>
    /// A service command that runs until <see cref="TellServicesToExitAfterTheOkayWindow"/>, then exits with
    /// <paramref name="code"/>. A service meant to exit just after its 1 s okay window cannot do it by sleeping a
    /// little longer: on a loaded machine the daemon may see the exit before its okay timer fires.
    /// </summary>
    public static string ExitWhenToldCommand(int code) => $"/bin/sh -c 'until [ -e exit-now ]; do sleep 0.05; done; exit {code}'";

    /// <summary>Once the default services are started (their okay windows passed), tells <see cref="ExitWhenToldCommand"/> services to exit.</summary>
    public void TellServicesToExitAfterTheOkayWindow()
    {
        WaitFor("Started default services");
        File.WriteAllText(Dir.Combine("exit-now"), "");
    }

    /// <summary>Runs a CLI command against the daemon and returns exit code and output.</summary>
    public (int Code, string Stdout, string Stderr) Cli(params string[] args)
    {
        using var p = Process.Start(Info(args))!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(30_000))
        {
            p.Kill(true);
            throw new Xunit.Sdk.XunitException($"pebble {string.Join(' ', args)} did not finish");
        }

        return (p.ExitCode, o.Result, e.Result);
    }

    /// <summary>A raw <c>GET</c> on the API socket: the HTTP status and the body, which must be JSON.</summary>
    public (int Status, string Body) Get(string target)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
        socket.Send(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        var all = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = socket.Receive(buffer)) > 0) all.Write(buffer, 0, n);
        var text = Encoding.UTF8.GetString(all.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json", text[..split]);
        return (int.Parse(text.Split(' ')[1]), text[(split + 4)..]);
    }

    /// <summary>Sends a signal to the daemon.</summary>
    public void Signal(int signal) => Native.Kill(process!.Id, signal);

    /// <summary>Waits for the daemon to exit and returns its exit code.</summary>
    public int WaitExit(int seconds = 30)
    {
        if (!process!.WaitForExit(seconds * 1000)) throw new Xunit.Sdk.XunitException($"pebble did not exit within {seconds}s; stderr:\n{Stderr}");
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            Native.Kill(process.Id, 15);
            if (!process.WaitForExit(15_000)) process.Kill(true);
        }

        process?.Dispose();
        Dir.Dispose();
    }

    private ProcessStartInfo Info(string[] args)
    {
        var psi = new ProcessStartInfo(PublishedBinary.Pebble.Path, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Dir.Path,
        };
        psi.Environment["PEBBLE"] = PebbleDir;
        psi.Environment.Remove("PEBBLE_SOCKET");
        psi.Environment.Remove("PEBBLE_VERBOSE");
        foreach (var (k, v) in Environment) psi.Environment[k] = v;
        return psi;
    }
}
