using System.Diagnostics;
using System.Runtime.InteropServices;
using Cairn.Daemon;
using Cairn.Http;
using Cairn.Pebble.Cli;
using Cairn.Pebble.Native;
using Cairn.Pebble.Plan;
using Cairn.Pebble.ServiceLog;
using Cairn.Pebble.Supervisor;

namespace Cairn.Pebble.Daemon;

/// <summary>
/// Runs the daemon (<c>pebble run</c>, <c>pebble enter</c>): subreaper and signal traps, plan, socket, the
/// <c>--args</c> layer, autostart, then waits for a signal or a shutdown action and stops every service.
/// </summary>
internal sealed class PebbleDaemon : IAsyncDisposable
{
    /// <summary>The version both the daemon and the CLI report.</summary>
    public const string Version = "v1.32.1-cairn";

    /// <summary>
    /// What one API client may cost (docs/pebble.md, "HTTP limits"): the server's defaults but for bodies, which carry
    /// layers: 4 MiB is far beyond any plan, and bodies are buffered only as their bytes arrive.
    /// </summary>
    public static readonly HttpLimits ApiLimits = new() { MaxBodyBytes = 4 * 1024 * 1024 };

    private readonly RunOptions options;
    private readonly Logger logger;
    private readonly TaskCompletionSource<string> signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PosixSignalRegistration> registrations = [];
    private HttpServer? server;
    private Overlord? overlord;
    private ServiceOutput? output;

    // Set once the socket is ours: a daemon that failed to start must not delete another daemon's socket.
    private bool listening;

    public PebbleDaemon(RunOptions options, Logger logger)
    {
        this.options = options;
        this.logger = logger;
    }

    /// <summary>The socket path the daemon listens on.</summary>
    public string SocketPath { get; private set; } = "";

    /// <summary>Prepares and starts the daemon; throws <see cref="DaemonException"/> for fatal errors (exit 1).</summary>
    public async Task StartAsync()
    {
        Reaper.ChildReaper.BecomeSubreaper();
        foreach (var (signal, name) in new[] { (PosixSignal.SIGTERM, "terminated"), (PosixSignal.SIGINT, "interrupt"), (PosixSignal.SIGQUIT, "quit") })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, ctx =>
            {
                ctx.Cancel = true;
                signalled.TrySetResult(name);
            }));
        }

        var paths = EnvPaths.FromEnvironment();
        var dir = paths.PebbleDir;
        if (!Path.IsPathRooted(dir)) throw new DaemonException($"directory \"{dir}\" must be absolute");
        if (!Directory.Exists(dir))
        {
            if (!options.CreateDirs) throw new DaemonException($"directory \"{dir}\" does not exist");
            try
            {
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DaemonException($"cannot create directory \"{dir}\": {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}");
            }
        }

        var clock = TimeProvider.System;
        if (options.CopiesServiceOutput(Environment.GetEnvironmentVariable("PEBBLE_VERBOSE")))
            output = new ServiceOutput(Console.OpenStandardOutput(), m => logger.Info(m));
        logger.Info($"{{\"type\":\"security\",\"datetime\":\"{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"level\":\"WARN\",\"event\":\"sys_startup:{Libc.getuid()}\",\"description\":\"Starting daemon\",\"appid\":\"pebble\"}}");
        overlord = new Overlord(dir, logger, clock, output);
        try
        {
            overlord.LoadPlan();
        }
        catch (PlanException e)
        {
            throw new DaemonException("cannot load plan: " + e.Message);
        }

        try
        {
            SocketPath = paths.ListenSocket(EnvPaths.NotWritable, m => logger.Info(m));
        }
        catch (InvalidOperationException e)
        {
            throw new DaemonException(e.Message);
        }

        var api = new Api(overlord, BootId(), Version);
        // One request per connection, as upstream's clients and ours expect.
        server = new HttpServer(ApiLimits, keepAlive: false, request => Serve(api, request), (what, error) => logger.Info($"{what}: {error}"));
        try
        {
            server.Start(ApiSockets.ListenUnix(SocketPath));
            listening = true;
            if (options.Http is not null)
            {
                server.Start(ApiSockets.ListenTcp(options.Http));
                logger.Info($"HTTP API server listening on \"{options.Http}\".");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException)
        {
            throw new DaemonException(e.Message);
        }

        logger.Info("Started daemon.");
        if (options.ServiceArgs.Count > 0)
        {
            try
            {
                overlord.Plans.AppendLayer(ServiceArgs.Layer(overlord.Plan, options.ServiceArgs), combine: false);
            }
            catch (PlanException e)
            {
                throw new DaemonException(e.Message);
            }
        }

        if (!options.Hold) Autostart();
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Waits for a signal or a shutdown action, stops services, and returns the exit code.</summary>
    public async Task<int> RunUntilExitAsync()
    {
        var o = overlord!;
        var first = await Task.WhenAny(signalled.Task, o.ShutdownRequested).ConfigureAwait(false);
        var code = 0;
        if (first == signalled.Task) logger.Info($"Exiting on {signalled.Task.Result} signal.");
        else
        {
            code = o.ShutdownRequested.Result;
            logger.Info("Server exiting! Reason: <nil>");
        }

        await StopAsync().ConfigureAwait(false);
        return code;
    }

    /// <summary>Stops every active service (within its kill-delay) and the API.</summary>
    public async Task StopAsync()
    {
        var o = overlord;
        if (o is null) return;
        o.Checks.StopAll();
        var active = o.Services.ActiveOrBackoff();
        if (active.Count > 0)
        {
            var change = o.Stop("stop", active, "Stop all running services");
            await Task.WhenAny(change.Ready, Task.Delay(ShutdownTimeout(o.Services.MaxKillDelay()))).ConfigureAwait(false);
        }

        server?.Stop();
        // The services' last words (written while they stopped) still reach stdout, within a bound: a grandchild
        // can keep a pipe open for ever.
        if (output is not null)
        {
            o.Services.WaitForOutput(TimeSpan.FromSeconds(1));
            output.Drain(TimeSpan.FromSeconds(2));
        }
        try
        {
            if (listening) File.Delete(SocketPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        overlord = null;
    }

    /// <summary>
    /// How long a shutdown waits for the services to stop, as upstream: the longest kill-delay of the active services
    /// (at least 5 s), then the 5 s a stop waits after SIGKILL, and a little more.
    /// </summary>
    public static TimeSpan ShutdownTimeout(TimeSpan maxKillDelay) =>
        (maxKillDelay > TimeSpan.FromSeconds(5) ? maxKillDelay : TimeSpan.FromSeconds(5)) + ServiceManager.FailDelay + TimeSpan.FromMilliseconds(100);

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var r in registrations) r.Dispose();
    }

    /// <summary>Answers one API request: errors in the API's envelope, and the request log line upstream writes.</summary>
    private async Task<HttpResponse> Serve(Api api, HttpRequest http)
    {
        var request = ApiRequest.From(http);
        var started = Stopwatch.GetTimestamp();
        HttpResponse response;
        try
        {
            response = await api.Handle(request).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            response = ApiResponse.Error(500, "internal error: " + e.Message);
        }

        // Upstream leaves out the requests clients poll.
        if (!(request.Method == "GET" && (request.Path.StartsWith("/v1/changes/", StringComparison.Ordinal) || request.Path is "/v1/system-info" or "/v1/health")))
            logger.Info($"{request.Method} {request.Target} {GoDuration.Format(Stopwatch.GetElapsedTime(started))} {response.Status} ({(request.IsUnix ? "http+unix" : "http")})");
        return response;
    }

    private void Autostart()
    {
        var o = overlord!;
        var names = o.DefaultServices();
        if (names.Count == 0)
        {
            logger.Info("Cannot start default services: no default services");
            return;
        }

        var change = o.Start("autostart", names);
        _ = change.Ready.ContinueWith(_ => logger.Info($"Started default services with change {change.Id}."), TaskScheduler.Default);
    }

    /// <summary>Waits until the autostart change (if any) is ready; used by <c>enter --run</c> before a subcommand.</summary>
    public async Task WaitForAutostartAsync()
    {
        var change = overlord?.Changes.List("all", null).FirstOrDefault(c => c.Kind == "autostart");
        if (change is not null) await change.Ready.ConfigureAwait(false);
    }

    private static string BootId()
    {
        // As PID 1 (a container) the host's boot id says nothing about this boot; upstream uses a random one.
        // Where the file is missing (some platforms) we fall back to a random id instead of dying.
        if (Libc.getpid() != 1)
        {
            try
            {
                return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            }
            catch (IOException)
            {
            }
        }

        return Guid.NewGuid().ToString();
    }
}
