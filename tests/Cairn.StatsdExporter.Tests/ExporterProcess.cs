using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Cairn.TestKit;

namespace Cairn.StatsdExporter.Tests;

/// <summary>The published binary running on ephemeral 127.0.0.1 ports; the ports are read from its start-up log.</summary>
public sealed partial class ExporterProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    /// <summary>How long a wait for the exporter (a scrape, an answer, a log line) may take before the test fails: generous, for a loaded machine.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new() { Timeout = Patience };

    private ExporterProcess(Process process)
    {
        _process = process;
    }

    public static string BinaryPath => PublishedBinary.StatsdExporter.Path;

    public int UdpPort { get; private set; }

    public int TcpPort { get; private set; }

    public int WebPort { get; private set; }

    public int Pid => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    /// <summary>Runs the binary to completion (for flag and config errors) and returns its exit code and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var p = Process.Start(Info(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(20_000))
        {
            p.Kill();
            throw new Xunit.Sdk.XunitException("statsd_exporter did not exit");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the exporter listening on 127.0.0.1 (UDP via "localhost", as the rock does) with extra flags.</summary>
    public static ExporterProcess Start(params string[] extraArgs) => StartUnder([], extraArgs);

    /// <summary>As <see cref="Start"/>, run by <paramref name="wrapper"/> (a command that execs its arguments).</summary>
    public static ExporterProcess StartUnder(string[] wrapper, params string[] extraArgs)
    {
        string[] args = ["--statsd.listen-udp=localhost:0", "--statsd.listen-tcp=127.0.0.1:0", "--web.listen-address=127.0.0.1:0", .. extraArgs];
        var info = Info(args);
        if (wrapper.Length > 0)
        {
            info.FileName = wrapper[0];
            info.ArgumentList.Clear();
            foreach (var a in wrapper.Skip(1).Append(BinaryPath).Concat(args)) info.ArgumentList.Add(a);
        }

        var exporter = new ExporterProcess(Process.Start(info)!);
        var ready = new TaskCompletionSource();
        exporter._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (exporter._log)
                exporter._log.AppendLine(e.Data);
            var udp = UdpPattern().Match(e.Data);
            if (udp.Success)
            {
                exporter.UdpPort = int.Parse(udp.Groups[1].Value);
                exporter.TcpPort = int.Parse(udp.Groups[2].Value);
            }

            var web = WebPattern().Match(e.Data);
            if (web.Success)
            {
                exporter.WebPort = int.Parse(web.Groups[1].Value);
                ready.TrySetResult();
            }
        };
        exporter._process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(20)))
        {
            exporter.Dispose();
            throw new Xunit.Sdk.XunitException("statsd_exporter did not start:\n" + exporter.Log);
        }

        return exporter;
    }

    public void SendUdp(IEnumerable<byte[]> datagrams)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(IPAddress.Loopback, UdpPort);
        foreach (var d in datagrams)
            socket.Send(d);
    }

    public void SendUdp(params string[] datagrams) => SendUdp(datagrams.Select(Encoding.UTF8.GetBytes));

    public void SendTcp(byte[] stream)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, TcpPort);
        var network = client.GetStream();
        network.Write(stream);
        client.Client.Shutdown(SocketShutdown.Send);
        // Wait for the server to close its side so the lines have been read.
        var sink = new byte[256];
        try
        {
            while (network.Read(sink) > 0)
            {
            }
        }
        catch (IOException)
        {
            // The server may reset a connection it closed for a too-long line.
        }
    }

    public (HttpStatusCode Status, string ContentType, string Body) Get(string path, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, $"http://127.0.0.1:{WebPort}{path}");
        using var response = _http.Send(request);
        var body = response.Content.ReadAsStringAsync().Result;
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", body);
    }

    /// <summary>Scrapes <c>/metrics</c> until <paramref name="condition"/> holds (events become visible within a flush interval) or 30 s pass.</summary>
    public string ScrapeUntil(Func<string, bool> condition) => ScrapeUntil("/metrics", condition);

    /// <summary>Scrapes <paramref name="path"/> until <paramref name="condition"/> holds or 30 s pass.</summary>
    public string ScrapeUntil(string path, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        string body;
        do
        {
            body = Get(path).Body;
            if (condition(body))
                return body;
            Thread.Sleep(50);
        }
        while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException("condition not met; last scrape:\n" + body + "\nlog:\n" + Log);
    }

    /// <summary>
    /// The log once it matches <paramref name="pattern"/>: stderr reaches the test through a pipe and a reader thread,
    /// so a line the exporter wrote before a scrape showed its effect may not have arrived yet.
    /// </summary>
    public string LogWhenItMatches(string pattern)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var log = Log;
            if (Regex.IsMatch(log, pattern))
                return log;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"the log never matched {pattern}:\n{log}");
            Thread.Sleep(50);
        }
    }

    public long ResidentKilobytes() => ProcessStatus.ResidentKilobytes(_process.Id);

    public bool HasExited => _process.HasExited;

    public int WaitForExit()
    {
        if (!_process.WaitForExit(20_000))
            throw new Xunit.Sdk.XunitException("statsd_exporter did not exit");
        return _process.ExitCode;
    }

    public void Signal(int signal) => Process.Start("kill", [$"-{signal}", _process.Id.ToString()])!.WaitForExit();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        _http.Dispose();
    }

    private static ProcessStartInfo Info(string[] args)
    {
        var info = new ProcessStartInfo(BinaryPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        return info;
    }

    [GeneratedRegex(@"Accepting StatsD Traffic"" udp=127\.0\.0\.1:(\d+) tcp=127\.0\.0\.1:(\d+)")]
    private static partial Regex UdpPattern();

    [GeneratedRegex(@"Accepting Prometheus Requests"" addr=127\.0\.0\.1:(\d+)")]
    private static partial Regex WebPattern();
}
