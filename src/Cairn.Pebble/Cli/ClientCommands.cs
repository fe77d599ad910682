using System.Globalization;
using System.Text;
using System.Text.Json;
using Cairn.Daemon;
using Cairn.Pebble.Client;
using Cairn.Pebble.ServiceLog;

namespace Cairn.Pebble.Cli;

/// <summary>The CLI commands that talk to a running daemon through its socket.</summary>
internal sealed class ClientCommands(PebbleClient client, TextWriter stdout, TextWriter stderr)
{
    /// <summary>Names of the commands this class runs.</summary>
    public static readonly string[] Names = ["plan", "services", "start", "stop", "restart", "replan", "autostart", "logs", "checks", "health", "add", "version", "changes", "signal", "start-checks", "stop-checks"];

    /// <summary>Runs a command; returns the exit code. Throws <see cref="ClientException"/> or <see cref="UsageException"/>.</summary>
    public async Task<int> RunAsync(string command, List<string> args)
    {
        switch (command)
        {
            case "plan":
                NoArgs(args);
                stdout.Write(Check(await client.SendAsync("GET", "/v1/plan?format=yaml").ConfigureAwait(false)).Result.GetString());
                return 0;
            case "services": return await Services(args).ConfigureAwait(false);
            case "start" or "stop" or "restart": return await ServiceAction(command, args).ConfigureAwait(false);
            case "replan" or "autostart": return await ServiceAction(command, args).ConfigureAwait(false);
            case "logs": return await Logs(args).ConfigureAwait(false);
            case "checks": return await Checks(args).ConfigureAwait(false);
            case "health": return await Health(args).ConfigureAwait(false);
            case "add": return await Add(args).ConfigureAwait(false);
            case "version": return await VersionAsync().ConfigureAwait(false);
            case "changes": return await Changes(args).ConfigureAwait(false);
            case "signal": return await Signal(args).ConfigureAwait(false);
            case "start-checks" or "stop-checks": return await StartStopChecks(command, args).ConfigureAwait(false);
            default: throw new UsageException($"unknown command \"{command}\", see 'pebble help'.");
        }
    }

    private static void NoArgs(List<string> args)
    {
        if (args.Count > 0) throw new UsageException("too many arguments for command");
    }

    private static ClientResponse Check(ClientResponse r) =>
        r.ErrorMessage is { } message ? throw new ClientException(message) : r;

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Url(string path, params string[] query) =>
        query.Any(q => q.Length > 0) ? path + "?" + string.Join("&", query.Where(q => q.Length > 0)) : path;

    private static string Query(string key, IEnumerable<string> values) =>
        string.Join(",", values.Select(Uri.EscapeDataString)) is { Length: > 0 } joined ? $"{key}={joined}" : "";

    private async Task<int> Services(List<string> args)
    {
        var r = Check(await client.SendAsync("GET", Url("/v1/services", Query("names", args))).ConfigureAwait(false));
        var rows = r.Result.EnumerateArray().Select(s => new[]
        {
            s.GetProperty("name").GetString()!, s.GetProperty("startup").GetString()!, s.GetProperty("current").GetString()!,
            s.TryGetProperty("current-since", out var since) ? HumanTime(since.GetDateTime()) : "-",
        }).ToList();
        if (rows.Count == 0)
        {
            stderr.WriteLine(args.Count == 0 ? "Plan has no services." : "No matching services.");
            return 0;
        }

        Table(["Service", "Startup", "Current", "Since"], rows);
        return 0;
    }

    private async Task<int> ServiceAction(string action, List<string> args)
    {
        var noWait = args.Remove("--no-wait");
        if (action is "replan" or "autostart") NoArgs(args);
        else if (args.Count == 0) throw new UsageException("the required argument `<service> (at least 1 argument)` was not provided");
        var body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("action", action);
            w.WriteStartArray("services");
            foreach (var a in args) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteEndObject();
        });
        var r = Check(await client.SendAsync("POST", "/v1/services", body).ConfigureAwait(false));
        var id = r.Envelope.GetProperty("change").GetString()!;
        if (noWait)
        {
            stdout.WriteLine(id);
            return 0;
        }

        await WaitChange(id).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Waits for a change; throws with its error when it did not end Done.</summary>
    public async Task WaitChange(string id)
    {
        var change = Check(await client.SendAsync("GET", $"/v1/changes/{id}/wait").ConfigureAwait(false)).Result;
        var status = change.GetProperty("status").GetString();
        if (status != "Done")
            throw new ClientException(change.TryGetProperty("err", out var err) ? err.GetString()! : $"change finished in status \"{status}\"");
    }

    private async Task<int> Logs(List<string> args)
    {
        var follow = false;
        var n = "30";
        var json = false;
        var services = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a is "-f" or "--follow") follow = true;
            else if (a is "-n" && i + 1 < args.Count) n = args[++i];
            else if (a.StartsWith("-n", StringComparison.Ordinal) && a.Length > 2) n = a[2..].TrimStart('=');
            else if (a.StartsWith("--n=", StringComparison.Ordinal)) n = a[4..];
            else if (a == "--format=json") json = true;
            else if (a == "--format=text") json = false;
            else if (a.StartsWith('-')) throw new UsageException($"unknown flag `{a.TrimStart('-')}'");
            else services.Add(a);
        }

        if (n == "all") n = "-1";
        if (!int.TryParse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count) || count < -1)
            throw new UsageException($"expected n to be a non-negative integer or \"all\", not \"{n}\"");
        var target = $"/v1/logs?n={count}" + (follow ? "&follow=true" : "") + (services.Count > 0 ? "&" + Query("services", services) : "");
        var (status, body) = await client.StreamAsync(target).ConfigureAwait(false);
        using var reader = new StreamReader(body);
        if (status != 200)
        {
            using var doc = JsonDocument.Parse(await reader.ReadToEndAsync().ConfigureAwait(false));
            throw new ClientException(doc.RootElement.GetProperty("result").GetProperty("message").GetString()!);
        }

        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            if (json)
            {
                stdout.WriteLine(line);
            }
            else
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                stdout.WriteLine(new LogEntry(e.GetProperty("time").GetDateTime(), e.GetProperty("service").GetString()!, e.GetProperty("message").GetString()!).ToString());
            }

            stdout.Flush();
        }

        return 0;
    }

    private async Task<int> Checks(List<string> args)
    {
        var level = TakeOption(args, "--level");
        var r = Check(await client.SendAsync("GET", Url("/v1/checks", Query("names", args), level is null ? "" : "level=" + level)).ConfigureAwait(false));
        var rows = r.Result.EnumerateArray().Select(c => new[]
        {
            c.GetProperty("name").GetString()!,
            c.TryGetProperty("level", out var l) ? l.GetString()! : "-",
            c.GetProperty("startup").GetString()!,
            c.GetProperty("status").GetString()!,
            c.GetProperty("successes").GetInt32().ToString(CultureInfo.InvariantCulture),
            c.TryGetProperty("failures", out var f) ? f.GetInt32().ToString(CultureInfo.InvariantCulture) : "0",
            c.TryGetProperty("change-id", out var ch) ? ch.GetString()! : "-",
        }).ToList();
        if (rows.Count == 0)
        {
            stderr.WriteLine(args.Count == 0 ? "Plan has no checks." : "No matching checks.");
            return 0;
        }

        Table(["Check", "Level", "Startup", "Status", "Successes", "Failures", "Change"], rows);
        return 0;
    }

    private async Task<int> Health(List<string> args)
    {
        var level = TakeOption(args, "--level");
        var r = await client.SendAsync("GET", Url("/v1/health", Query("names", args), level is null ? "" : "level=" + level)).ConfigureAwait(false);
        if (r.Status is not (200 or 502)) Check(r);
        var healthy = r.Result.GetProperty("healthy").GetBoolean();
        stdout.WriteLine(healthy ? "healthy" : "unhealthy");
        return healthy ? 0 : 1;
    }

    private async Task<int> Add(List<string> args)
    {
        var combine = args.Remove("--combine");
        var inner = args.Remove("--inner");
        if (args.Count != 2) throw new UsageException("the required arguments `<label>` and `<layer-path>` were not provided");
        string yaml;
        try
        {
            yaml = await File.ReadAllTextAsync(args[1]).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClientException($"open {args[1]}: {e.Message}");
        }

        var body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("action", "add");
            w.WriteBoolean("combine", combine);
            w.WriteBoolean("inner", inner);
            w.WriteString("label", args[0]);
            w.WriteString("format", "yaml");
            w.WriteString("layer", yaml);
            w.WriteEndObject();
        });
        Check(await client.SendAsync("POST", "/v1/layers", body).ConfigureAwait(false));
        stdout.WriteLine($"Layer \"{args[0]}\" added successfully from \"{args[1]}\"");
        return 0;
    }

    private async Task<int> VersionAsync()
    {
        var server = "-";
        try
        {
            var r = await client.SendAsync("GET", "/v1/system-info").ConfigureAwait(false);
            server = r.Result.GetProperty("version").GetString() ?? "-";
        }
        catch (ClientException)
        {
        }

        Table(["client", Daemon.PebbleDaemon.Version], [["server", server]], header: false);
        return 0;
    }

    private async Task<int> Changes(List<string> args)
    {
        var r = Check(await client.SendAsync("GET", "/v1/changes?select=all" + (args.Count > 0 ? "&for=" + Uri.EscapeDataString(args[0]) : "")).ConfigureAwait(false));
        var rows = r.Result.EnumerateArray().Select(c => new[]
        {
            c.GetProperty("id").GetString()!, c.GetProperty("status").GetString()!,
            HumanTime(c.GetProperty("spawn-time").GetDateTime()),
            c.TryGetProperty("ready-time", out var rt) ? HumanTime(rt.GetDateTime()) : "-",
            c.GetProperty("summary").GetString()!,
        }).ToList();
        Table(["ID", "Status", "Spawn", "Ready", "Summary"], rows);
        return 0;
    }

    private async Task<int> Signal(List<string> args)
    {
        if (args.Count < 2) throw new UsageException("the required arguments `<SIGNAL>` and `<service> (at least 1 argument)` were not provided");
        var body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("signal", args[0].StartsWith("SIG", StringComparison.Ordinal) ? args[0] : "SIG" + args[0]);
            w.WriteStartArray("services");
            foreach (var s in args.Skip(1)) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteEndObject();
        });
        Check(await client.SendAsync("POST", "/v1/signals", body).ConfigureAwait(false));
        return 0;
    }

    private async Task<int> StartStopChecks(string command, List<string> args)
    {
        var action = command == "start-checks" ? "start" : "stop";
        var body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("action", action);
            w.WriteStartArray("checks");
            foreach (var c in args) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteEndObject();
        });
        var r = Check(await client.SendAsync("POST", "/v1/checks", body).ConfigureAwait(false));
        var changed = r.Result.GetProperty("changed").EnumerateArray().Select(e => e.GetString()).ToList();
        stdout.WriteLine(changed.Count == 0 ? "Checks already " + (action == "start" ? "started." : "stopped.") : $"Checks {action}ed: {string.Join(", ", changed)}".Replace("stoped", "stopped", StringComparison.Ordinal));
        return 0;
    }

    private static string? TakeOption(List<string> args, string name)
    {
        var i = args.FindIndex(a => a == name || a.StartsWith(name + "=", StringComparison.Ordinal));
        if (i < 0) return null;
        string value;
        if (args[i].Contains('=')) value = args[i][(name.Length + 1)..];
        else
        {
            if (i + 1 >= args.Count) throw new UsageException($"expected argument for flag `{name}'");
            value = args[i + 1];
            args.RemoveAt(i + 1);
        }

        args.RemoveAt(i);
        return value;
    }

    private static string HumanTime(DateTime time)
    {
        var utc = time.ToUniversalTime();
        var today = DateTime.UtcNow.Date;
        var clock = utc.ToString("HH:mm", CultureInfo.InvariantCulture);
        if (utc.Date == today) return $"today at {clock} UTC";
        if (utc.Date == today.AddDays(-1)) return $"yesterday at {clock} UTC";
        return utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    // Like Go's tabwriter with padding 2, as upstream's tables; the first row is the header (or the first line).
    private void Table(string[] first, IReadOnlyList<string[]> rows, bool header = true)
    {
        _ = header;
        var all = new List<string[]> { first };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, first.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                sb.Append(row[i]);
                if (i < row.Length - 1) sb.Append(' ', widths[i] - row[i].Length + 2);
            }

            stdout.WriteLine(sb.ToString());
        }
    }
}
