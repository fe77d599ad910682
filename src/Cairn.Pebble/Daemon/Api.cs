using System.Text;
using System.Text.Json;
using Cairn.Daemon;
using Cairn.Http;
using Cairn.Pebble.Plan;
using Cairn.Pebble.ServiceLog;
using Cairn.Pebble.Supervisor;

namespace Cairn.Pebble.Daemon;

/// <summary>
/// The API: one route table (path, and per method the access it needs and its handler), as upstream's API list,
/// answering with upstream's envelope and messages over the overlord.
/// </summary>
internal sealed class Api
{
    private readonly Overlord overlord;
    private readonly string bootId;
    private readonly string version;
    private readonly ApiRoute[] routes;

    public Api(Overlord overlord, string bootId, string version)
    {
        this.overlord = overlord;
        this.bootId = bootId;
        this.version = version;
        // Anyone may ask whether the daemon is up and healthy (the --http listener answers only these); reading needs
        // the unix socket; changing anything, and reading the plan, needs root or the daemon's own user.
        routes =
        [
            new("/v1/system-info", Get: new(ApiAccess.Open, _ => SystemInfo())),
            new("/v1/health", Get: new(ApiAccess.Open, Health)),
            new("/v1/services", Get: new(ApiAccess.User, Services), Post: new(ApiAccess.Admin, PostServices)),
            new("/v1/services/", Get: new(ApiAccess.User, NotImplemented), Post: new(ApiAccess.Admin, NotImplemented)),
            new("/v1/plan", Get: new(ApiAccess.Admin, GetPlan)),
            new("/v1/layers", Post: new(ApiAccess.Admin, PostLayers)),
            new("/v1/logs", Get: new(ApiAccess.User, Logs)),
            new("/v1/changes", Get: new(ApiAccess.User, Changes)),
            new("/v1/changes/", Get: new(ApiAccess.User, Change), Post: new(ApiAccess.Admin, Change)),
            new("/v1/checks", Get: new(ApiAccess.User, Checks), Post: new(ApiAccess.Admin, PostChecks)),
            new("/v1/signals", Post: new(ApiAccess.Admin, Signals)),
        ];
    }

    /// <summary>The daemon's version string.</summary>
    public string Version => version;

    public async Task<HttpResponse> Handle(ApiRequest r)
    {
        var route = ApiRoute.Find(routes, r.Path);
        if (route is null) return ApiResponse.Error(404, "invalid API endpoint requested", "not-found");
        var method = route.For(r.Method);
        if (method is null) return ApiResponse.Error(405, $"method \"{r.Method}\" not allowed");
        if (!method.Allows(r)) return ApiResponse.Error(401, "access denied", "login-required");
        try
        {
            return await method.Handler(r).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return ApiResponse.Error(400, "cannot decode request body: " + e.Message);
        }
    }

    private static HttpResponse NotImplemented(ApiRequest r) => ApiResponse.Error(400, "not implemented");

    private HttpResponse SystemInfo() => ApiResponse.Sync(w =>
    {
        w.WriteStartObject();
        w.WriteString("boot-id", bootId);
        w.WriteString("version", version);
        w.WriteEndObject();
    });

    private HttpResponse Health(ApiRequest r)
    {
        var level = r.One("level") ?? "";
        if (level is not ("" or "alive" or "ready")) return ApiResponse.Error(400, "level must be \"alive\" or \"ready\"");
        var names = r.List("names");
        var healthy = true;
        foreach (var c in overlord.Checks.Infos())
        {
            if (names.Count > 0 && !names.Contains(c.Name)) continue;
            var selected = level switch
            {
                "alive" => c.Level == CheckLevel.Alive,
                "ready" => c.Level is CheckLevel.Ready or CheckLevel.Alive,
                _ => true,
            };
            if (selected && c.Status == "down") healthy = false;
        }

        return ApiResponse.Sync(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("healthy", healthy);
            w.WriteEndObject();
        }, healthy ? 200 : 502);
    }

    private HttpResponse Services(ApiRequest r)
    {
        var names = r.List("names");
        var statuses = overlord.Services.Statuses().Where(s => names.Count == 0 || names.Contains(s.Name)).ToList();
        return ApiResponse.Sync(w =>
        {
            w.WriteStartArray();
            foreach (var s in statuses)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteString("startup", s.Startup == Startup.Enabled ? "enabled" : "disabled");
                w.WriteString("current", s.Current);
                if (s.Since is { } since) w.WriteString("current-since", since);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private HttpResponse PostServices(ApiRequest r)
    {
        using var doc = Body(r);
        var action = Str(doc.RootElement, "action");
        var names = Strings(doc.RootElement, "services");
        switch (action)
        {
            case "start" or "stop" or "restart":
                if (names.Count == 0) return ApiResponse.Error(400, $"must specify services for {action} action");
                break;
            case "autostart":
                if (names.Count > 0) return ApiResponse.Error(400, "autostart accepts no service names");
                names = overlord.DefaultServices();
                if (names.Count == 0) return ApiResponse.Error(400, "no default services", "no-default-services");
                break;
            case "replan":
                if (names.Count > 0) return ApiResponse.Error(400, "replan accepts no service names");
                break;
            default:
                return ApiResponse.Error(400, $"invalid action \"{action}\"");
        }

        var unknown = names.FirstOrDefault(n => !overlord.Plan.Services.ContainsKey(n));
        if (unknown is not null) return ApiResponse.Error(400, $"cannot {action} services: service \"{unknown}\" does not exist");
        try
        {
            var change = action switch
            {
                "start" => overlord.Start("start", names),
                "autostart" => overlord.Start("autostart", names),
                "stop" => overlord.Stop("stop", names),
                "restart" => overlord.Restart(names),
                _ => overlord.Replan(),
            };
            return ApiResponse.Async(change.Id);
        }
        catch (PlanException e)
        {
            return ApiResponse.Error(400, $"cannot {action} services: {e.Message}");
        }
    }

    private HttpResponse GetPlan(ApiRequest r)
    {
        var format = r.One("format") ?? "";
        if (format != "yaml") return ApiResponse.Error(400, $"invalid format \"{format}\"");
        var yaml = PebbleLayerWriter.Write(overlord.Plan.ToLayer());
        return ApiResponse.Sync(w => w.WriteStringValue(yaml));
    }

    private HttpResponse PostLayers(ApiRequest r)
    {
        using var doc = Body(r);
        var root = doc.RootElement;
        string Str(string key) => Api.Str(root, key);
        bool Bool(string key) => root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.True;
        if (Str("action") != "add") return ApiResponse.Error(400, $"invalid action \"{Str("action")}\"");
        var label = Str("label");
        if (label.Length == 0) return ApiResponse.Error(400, "label must be set");
        if (label.StartsWith("pebble-", StringComparison.Ordinal)) return ApiResponse.Error(400, "cannot use reserved label prefix \"pebble-\"");
        if (Str("format") != "yaml") return ApiResponse.Error(400, $"invalid format \"{Str("format")}\"");
        try
        {
            var layer = LayerParser.Parse(Str("layer"), label, 0);
            overlord.Plans.AppendLayer(layer, Bool("combine"));
        }
        catch (PlanException e)
        {
            return ApiResponse.Error(400, e.Message.StartsWith("cannot parse layer", StringComparison.Ordinal) ? "cannot parse layer YAML: " + e.Message : e.Message);
        }

        return ApiResponse.Sync(w => w.WriteBooleanValue(true));
    }

    private HttpResponse Logs(ApiRequest r)
    {
        var follow = r.One("follow") == "true";
        var nText = r.One("n");
        var n = follow ? 0 : 30;
        if (nText is not null && !int.TryParse(nText, out n)) return ApiResponse.Error(400, $"n must be -1, 0, or a positive integer (not \"{nText}\")");
        var buffers = overlord.Services.Buffers();
        var wanted = r.List("services");
        var selected = buffers.Where(b => wanted.Count == 0 || wanted.Contains(b.Key)).Select(b => b.Value).ToList();
        var lines = selected.SelectMany(b => b.Tail(-1)).OrderBy(e => e.Time).ToList();
        if (n >= 0) lines = lines.Count > n ? lines[^n..] : lines;
        return new HttpResponse
        {
            ContentType = "application/x-ndjson",
            Stream = async (stream, token) =>
            {
                foreach (var line in lines) await stream.WriteAsync(LogJson(line), token).ConfigureAwait(false);
                await stream.FlushAsync(token).ConfigureAwait(false);
                if (!follow) return;
                var channel = System.Threading.Channels.Channel.CreateUnbounded<LogEntry>();
                var subscriptions = selected.Select(b => b.Subscribe(e => channel.Writer.TryWrite(e))).ToList();
                try
                {
                    await foreach (var e in channel.Reader.ReadAllAsync(token).ConfigureAwait(false))
                    {
                        await stream.WriteAsync(LogJson(e), token).ConfigureAwait(false);
                        await stream.FlushAsync(token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    foreach (var s in subscriptions) s.Dispose();
                }
            },
        };
    }

    private static byte[] LogJson(LogEntry e)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("time", e.Time);
            w.WriteString("service", e.Service);
            w.WriteString("message", e.Message);
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private HttpResponse Changes(ApiRequest r)
    {
        var select = r.One("select") ?? "in-progress";
        if (select is not ("in-progress" or "ready" or "all")) return ApiResponse.Error(400, $"select should be one of: all,in-progress,ready");
        var list = overlord.Changes.List(select, r.One("for"));
        return ApiResponse.Sync(w =>
        {
            w.WriteStartArray();
            foreach (var c in list) WriteChange(w, c);
            w.WriteEndArray();
        });
    }

    private async Task<HttpResponse> Change(ApiRequest r)
    {
        var rest = r.Path["/v1/changes/".Length..];
        var wait = rest.EndsWith("/wait", StringComparison.Ordinal);
        var id = wait ? rest[..^5] : rest;
        var change = overlord.Changes.Get(id);
        if (change is null) return ApiResponse.Error(404, $"cannot find change with id \"{id}\"", "not-found");
        if (r.Method == "POST")
        {
            if (change.IsReady) return ApiResponse.Error(400, $"cannot abort change {id} with nothing pending");
            return ApiResponse.Error(400, "aborting changes is not supported");
        }

        if (wait)
        {
            var timeoutText = r.One("timeout");
            TimeSpan timeout = Timeout.InfiniteTimeSpan;
            if (timeoutText is not null && !GoDuration.TryParse(timeoutText, out timeout)) return ApiResponse.Error(400, $"invalid timeout \"{timeoutText}\"");
            try
            {
                await change.Ready.WaitAsync(timeout, r.Aborted).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return ApiResponse.Error(504, "timed out waiting for change after " + timeoutText);
            }
        }

        return ApiResponse.Sync(w => WriteChange(w, change));
    }

    private static void WriteChange(Utf8JsonWriter w, Change c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("kind", c.Kind);
        w.WriteString("summary", c.Summary);
        w.WriteString("status", c.Status);
        w.WriteStartArray("tasks");
        foreach (var t in c.Tasks)
        {
            w.WriteStartObject();
            w.WriteString("id", t.Id);
            w.WriteString("kind", t.Kind);
            w.WriteString("summary", t.Summary);
            w.WriteString("status", t.Status);
            var log = t.Log;
            if (log.Count > 0)
            {
                w.WriteStartArray("log");
                foreach (var l in log) w.WriteStringValue(l);
                w.WriteEndArray();
            }

            w.WriteStartObject("progress");
            w.WriteString("label", "");
            w.WriteNumber("done", t.IsReady ? 1 : 0);
            w.WriteNumber("total", 1);
            w.WriteEndObject();
            w.WriteString("spawn-time", t.SpawnTime);
            if (t.ReadyTime is { } rt) w.WriteString("ready-time", rt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("ready", c.IsReady);
        if (c.IsReady && c.Err is { } err) w.WriteString("err", err);
        w.WriteString("spawn-time", c.SpawnTime);
        if (c.ReadyTime is { } ready) w.WriteString("ready-time", ready);
        w.WriteEndObject();
    }

    private HttpResponse Checks(ApiRequest r)
    {
        var level = r.One("level") ?? "";
        if (level is not ("" or "alive" or "ready")) return ApiResponse.Error(400, "level must be \"alive\" or \"ready\"");
        var names = r.List("names");
        var infos = overlord.Checks.Infos()
            .Where(c => names.Count == 0 || names.Contains(c.Name))
            .Where(c => level == "" || (level == "alive" ? c.Level == CheckLevel.Alive : c.Level is CheckLevel.Ready or CheckLevel.Alive))
            .ToList();
        return ApiResponse.Sync(w =>
        {
            w.WriteStartArray();
            foreach (var c in infos)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                if (c.Level != CheckLevel.Unset) w.WriteString("level", c.Level == CheckLevel.Alive ? "alive" : "ready");
                w.WriteString("startup", c.Startup == Startup.Disabled ? "disabled" : "enabled");
                w.WriteString("status", c.Status);
                w.WriteNumber("successes", c.Successes);
                if (c.Failures > 0) w.WriteNumber("failures", c.Failures);
                w.WriteNumber("threshold", c.Threshold);
                if (c.ChangeId is not null) w.WriteString("change-id", c.ChangeId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private HttpResponse PostChecks(ApiRequest r)
    {
        using var doc = Body(r);
        var action = Str(doc.RootElement, "action");
        var names = Strings(doc.RootElement, "checks");
        if (action is not ("start" or "stop")) return ApiResponse.Error(400, $"invalid action \"{action}\"");
        if (names.Count == 0) return ApiResponse.Error(400, "must specify checks for " + action + " action");
        try
        {
            var changed = overlord.Checks.StartOrStop(action == "start", names);
            return ApiResponse.Sync(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("changed");
                foreach (var n in changed) w.WriteStringValue(n);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        catch (KeyNotFoundException e)
        {
            return ApiResponse.Error(404, e.Message, "not-found");
        }
    }

    private HttpResponse Signals(ApiRequest r)
    {
        using var doc = Body(r);
        var name = Str(doc.RootElement, "signal");
        var signal = SignalNumber(name);
        if (signal is null) return ApiResponse.Error(400, $"invalid signal name \"{name}\"");
        var services = Strings(doc.RootElement, "services");
        if (services.Count == 0) return ApiResponse.Error(400, "must specify one or more services");
        try
        {
            foreach (var svc in services) overlord.Services.Signal(svc, signal.Value);
        }
        catch (InvalidOperationException e)
        {
            return ApiResponse.Error(500, e.Message);
        }

        return ApiResponse.Sync(w => w.WriteBooleanValue(true));
    }

    private static JsonDocument Body(ApiRequest r) => JsonDocument.Parse(r.Body.IsEmpty ? "{}"u8.ToArray() : r.Body);

    private static string Str(JsonElement root, string key) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static List<string> Strings(JsonElement root, string key) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : "").ToList()
            : [];

    /// <summary>The number of a signal name (SIGHUP or HUP), or null.</summary>
    public static int? SignalNumber(string name) => (name.StartsWith("SIG", StringComparison.Ordinal) ? name : "SIG" + name) switch
    {
        "SIGHUP" => 1,
        "SIGINT" => 2,
        "SIGQUIT" => 3,
        "SIGKILL" => 9,
        "SIGUSR1" => 10,
        "SIGUSR2" => 12,
        "SIGTERM" => 15,
        "SIGCONT" => 18,
        "SIGSTOP" => 19,
        "SIGWINCH" => 28,
        _ => null,
    };

    /// <summary>UTF-8 text of a response body, for tests.</summary>
    public static string BodyText(HttpResponse response) => Encoding.UTF8.GetString(response.Body.Span);
}
