using System.Net;
using System.Net.Sockets;
using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>
/// A server a test starts on a free port of 127.0.0.1, with a temporary directory for its configuration and data,
/// and stops on dispose (SIGTERM, then SIGKILL; the directory goes with it). A port found
/// free may be taken before the server binds it: the start is tried again on another port when the server ends
/// during its start.
/// </summary>
public sealed class LocalDaemon : IAsyncDisposable
{
    private readonly RunningProcess _process;
    private readonly TempDirectory _temp;

    private LocalDaemon(RunningProcess process, string address, TempDirectory temp)
    {
        _process = process;
        Address = address;
        _temp = temp;
    }

    /// <summary>host:port it listens on.</summary>
    public string Address { get; }

    /// <summary>
    /// Starts the program <paramref name="start"/> gives for an address and a directory of its own, and returns once
    /// <paramref name="ready"/> says it answers.
    /// </summary>
    public static async Task<LocalDaemon> StartAsync(
        string what, Func<string, TempDirectory, (string File, string[] Args)> start, Func<string, Task<bool>> ready)
    {
        var temp = new TempDirectory("cairn-" + what);
        var failures = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var address = $"127.0.0.1:{FreePort()}";
            var (file, args) = start(address, temp);
            var process = RunningProcess.Start(file, args);
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
            while (!process.HasExited && DateTime.UtcNow < deadline)
            {
                if (await ready(address))
                    return new LocalDaemon(process, address, temp);
                await Task.Delay(200);
            }

            failures.Add(process.HasExited ? (await process.WaitAsync(TimeSpan.FromSeconds(10))).ToString() : $"no answer within a minute:\n{process.StderrSoFar}");
            process.Dispose();
        }

        temp.Dispose();
        throw new InvalidOperationException($"{what} did not start:\n{string.Join("\n", failures)}");
    }

    /// <summary>Whether an HTTP GET of <paramref name="url"/> answers 2xx.</summary>
    public static async Task<bool> AnswersAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return (await client.GetAsync(url)).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Signal(15);
            try
            {
                await _process.WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                // WaitAsync killed it.
            }
        }

        _process.Dispose();
        _temp.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
