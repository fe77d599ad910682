using System.Net.Sockets;
using System.Text;
using Cairn.Daemon;
using Cairn.Pebble.Native;
using Cairn.Pebble.Plan;
using Cairn.Pebble.Reaper;

namespace Cairn.Pebble.Supervisor;

/// <summary>
/// Runs one check once: http (a plain HTTP/1.1 GET over a socket: an HTTP client library would add megabytes to a
/// binary that ships in every rock), tcp (connect), or exec (spawned like a service, killed on timeout).
/// Throws <see cref="CheckFailedException"/> with upstream's wording on failure.
/// </summary>
internal static class CheckRunner
{
    public static async Task RunAsync(Check check, PebblePlan plan, CancellationToken timeout)
    {
        try
        {
            if (check.Http is not null) await HttpAsync(check.Http, timeout).ConfigureAwait(false);
            else if (check.Tcp is not null) await TcpAsync(check.Tcp, timeout).ConfigureAwait(false);
            else if (check.Exec is not null) await ExecAsync(check.Exec, plan, timeout).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new CheckFailedException($"check timed out after {GoDuration.Format(check.EffectiveTimeout)}");
        }
        catch (SocketException e)
        {
            throw new CheckFailedException(e.Message);
        }
        catch (IOException e)
        {
            throw new CheckFailedException(e.Message);
        }
    }

    private static async Task HttpAsync(HttpCheck http, CancellationToken ct)
    {
        if (!Uri.TryCreate(http.Url, UriKind.Absolute, out var uri) || uri.Scheme != "http")
            throw new CheckFailedException($"unsupported URL \"{http.Url}\": only http:// is supported");
        Socket socket;
        try
        {
            socket = await DialAsync(uri.DnsSafeHost, uri.Port, ct).ConfigureAwait(false);
        }
        catch (CheckFailedException e)
        {
            // Go's HTTP client wraps the dial error with the method and URL.
            throw new CheckFailedException($"Get \"{http.Url}\": {e.Message}");
        }

        using var connection = socket;
        var request = new StringBuilder();
        request.Append("GET ").Append(uri.PathAndQuery).Append(" HTTP/1.1\r\nHost: ").Append(uri.Authority).Append("\r\nConnection: close\r\nUser-Agent: pebble\r\n");
        foreach (var (k, v) in http.Headers) request.Append(k).Append(": ").Append(v).Append("\r\n");
        request.Append("\r\n");
        await socket.SendAsync(Encoding.ASCII.GetBytes(request.ToString()), ct).ConfigureAwait(false);
        var response = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while (response.Length < 8192 && (n = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false)) > 0) response.Write(buffer, 0, n);
        var text = Encoding.UTF8.GetString(response.ToArray());
        var statusLine = text.Split("\r\n")[0].Split(' ');
        if (statusLine.Length < 2 || !int.TryParse(statusLine[1], out var status)) throw new CheckFailedException("malformed HTTP response");
        if (status is >= 200 and < 300) return;
        var bodyStart = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var body = bodyStart < 0 ? "" : text[(bodyStart + 4)..];
        var lines = body.Split('\n').Take(5);
        var detail = string.Join("\n", lines);
        if (detail.Length > 512) detail = detail[..512];
        throw new CheckFailedException(detail.Length == 0 ? $"non-2xx status code {status}" : $"non-2xx status code {status}; {detail.TrimEnd()}");
    }

    private static async Task TcpAsync(TcpCheck tcp, CancellationToken ct)
    {
        using var socket = await DialAsync(string.IsNullOrEmpty(tcp.Host) ? "localhost" : tcp.Host, tcp.Port ?? 0, ct).ConfigureAwait(false);
    }

    /// <summary>Connects, or throws <see cref="CheckFailedException"/> worded as Go's <c>net.Dial</c> error (upstream's check detail).</summary>
    private static async Task<Socket> DialAsync(string host, int port, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, ct).ConfigureAwait(false);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            if (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain)
                throw new CheckFailedException($"dial tcp: lookup {host}: no such host");
            var address = host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
            throw new CheckFailedException($"dial tcp {address}: connect: {e.Message.ToLowerInvariant()}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task ExecAsync(ExecCheck exec, PebblePlan plan, CancellationToken ct)
    {
        var argv = Shlex.Split(exec.Command!);
        var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        string? user = exec.User, group = exec.Group, dir = exec.WorkingDir;
        int? uidValue = exec.UserId, gidValue = exec.GroupId;
        if (!string.IsNullOrEmpty(exec.ServiceContext) && plan.Services.TryGetValue(exec.ServiceContext, out var context))
        {
            // The service's settings are the base; the check's own override them.
            foreach (var (k, v) in context.Environment) env[k] = v;
            user ??= context.User;
            group ??= context.Group;
            uidValue ??= context.UserId;
            gidValue ??= context.GroupId;
            dir ??= context.WorkingDir;
        }

        foreach (var (k, v) in exec.Environment) env[k] = v;
        SpawnedProcess process;
        try
        {
            var (uid, gid, _) = new UserLookup().Resolve(user, uidValue, group, gidValue);
            process = PosixSpawner.Instance.Spawn(new SpawnRequest(PosixSpawner.Instance.LookPath(argv[0]), argv, env.Select(kv => $"{kv.Key}={kv.Value}").ToList(), dir, uid, gid));
        }
        catch (Exception e) when (e is SpawnException or InvalidOperationException)
        {
            throw new CheckFailedException(e.Message);
        }

        var output = Task.Run(() =>
        {
            using var reader = new StreamReader(process.Output);
            var text = reader.ReadToEnd();
            return text.Length > 512 ? text[^512..] : text;
        }, CancellationToken.None);
        int code;
        try
        {
            code = await process.Exited.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            PosixSpawner.Instance.Signal(-process.Pid, Libc.SIGKILL);
            throw;
        }

        if (code == 0) return;
        var lines = (await output.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false)).TrimEnd('\n').Split('\n');
        var tail = string.Join("\n", lines.TakeLast(5));
        throw new CheckFailedException(tail.Length == 0 ? $"exit status {code}" : $"exit status {code}; {tail}");
    }
}
