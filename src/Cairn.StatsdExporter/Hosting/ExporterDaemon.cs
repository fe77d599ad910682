using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cairn.Daemon;
using Cairn.Http;
using Cairn.StatsdExporter.Http;
using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Mapping;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Hosting;

/// <summary>
/// The running exporter: listeners → parser → event queue → exporter loop → registry ← HTTP. Built by
/// <see cref="Start"/>, which binds every socket first so a start-up failure leaves nothing running.
/// </summary>
public sealed class ExporterDaemon : IDisposable
{
    /// <summary>The version this build reports (upstream's behaviour level, then ours).</summary>
    public const string Version = "0.26.0+cairn";

    /// <summary>
    /// What one web client may cost (docs/statsd-exporter.md, "HTTP limits"): the server's defaults, which suit scrapes
    /// and probes: small heads, bodies of at most 64 KiB (read and ignored), 128 connections, 60 s to send a request.
    /// </summary>
    public static readonly HttpLimits WebLimits = new();

    private readonly ExporterOptions _options;
    private readonly Logger _logger;
    private readonly List<Socket> _sockets = [];
    private readonly ManualResetEventSlim _quit = new();
    private readonly Lock _reloadLock = new();
    private MappingCache? _cache;
    private Exporter _exporter = null!;
    private EventLoop? _loop;
    private HttpServer? _web;
    private string? _unixPath;

    private ExporterDaemon(ExporterOptions options, Logger logger)
    {
        _options = options;
        _logger = logger;
    }

    /// <summary>The exporter's own metrics.</summary>
    public ExporterTelemetry Telemetry { get; private set; } = null!;

    /// <summary>Where UDP is received, or null.</summary>
    public IPEndPoint? UdpEndPoint { get; private set; }

    /// <summary>Where TCP is accepted, or null.</summary>
    public IPEndPoint? TcpEndPoint { get; private set; }

    /// <summary>Where HTTP is served.</summary>
    public IPEndPoint WebEndPoint { get; private set; } = null!;

    /// <summary>Set when something asked the process to exit.</summary>
    public WaitHandle QuitRequested => _quit.WaitHandle;

    /// <summary>Binds everything and starts the threads. Throws <see cref="UsageException"/>, <see cref="SocketException"/> or <see cref="IOException"/> on start-up failures.</summary>
    public static ExporterDaemon Start(ExporterOptions options, MappingConfig config, Logger logger, TimeProvider time)
    {
        if (options.ListenUdp.Length == 0 && options.ListenTcp.Length == 0 && options.ListenUnixgram.Length == 0)
            throw new UsageException("at least one of UDP/TCP/Unixgram listeners must be specified");
        var host = new ExporterDaemon(options, logger);
        try
        {
            host.Build(config, time);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Asks the process to exit.</summary>
    public void RequestQuit() => _quit.Set();

    /// <summary>Reloads the mapping config (SIGHUP, <c>/-/reload</c>); on failure the old config stays.</summary>
    public void Reload()
    {
        if (_options.MappingConfig is null)
        {
            _logger.Info("No mapping config to reload");
            return;
        }

        lock (_reloadLock)
        {
            MappingConfig config;
            try
            {
                config = MappingConfigLoader.LoadFile(_options.MappingConfig);
            }
            catch (MappingConfigException e)
            {
                Telemetry.ConfigReloads.Increment("failure");
                _logger.Info("Error reloading config", ("error", e.Describe(_options.MappingConfig)));
                return;
            }

            foreach (var warning in config.Warnings)
                _logger.Warn(warning);
            lock (_exporter.Registry.SyncRoot)
            {
                _cache?.Clear();
                _exporter.Mapper = new MetricMapper(config, _cache);
            }

            Telemetry.LoadedMappings.Set(config.Mappings.Count);
            Telemetry.ConfigReloads.Increment("success");
            _logger.Info("Config reloaded successfully");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _loop?.Stop();
        _web?.Stop();
        foreach (var socket in _sockets)
            socket.Dispose();
        if (_unixPath is not null)
        {
            try
            {
                File.Delete(_unixPath);
            }
            catch (IOException)
            {
                // Best effort: the socket file is ours but the directory may have gone.
            }
        }
    }

    private void Build(MappingConfig config, TimeProvider time)
    {
        var o = _options;
        Telemetry = new ExporterTelemetry(o.CacheSize > 0, Version, "net" + Environment.Version.ToString());
        Telemetry.LoadedMappings.Set(config.Mappings.Count);
        _cache = o.CacheSize > 0 ? new MappingCache(o.CacheSize, o.CacheType == "random", Telemetry) : null;
        var registry = new Registry(Telemetry);
        _exporter = new Exporter(new MetricMapper(config, _cache), registry, Telemetry, _logger, time);
        var batches = new BlockingCollection<List<Event>>(new ConcurrentQueue<List<Event>>(), o.EventQueueSize);
        var queue = new EventQueue(o.EventFlushThreshold, batches, Telemetry);
        var parser = new LineParser(o.TagStyles, Telemetry, _logger);

        // Bind everything before starting anything.
        Socket? udp = null, tcp = null, unix = null;
        if (o.ListenUdp.Length > 0)
        {
            udp = Keep(ListenAddress.Bind(ListenAddress.Resolve(o.ListenUdp), SocketType.Dgram, ProtocolType.Udp));
            if (o.ReadBuffer > 0)
                udp.ReceiveBufferSize = o.ReadBuffer;
            UdpEndPoint = (IPEndPoint)udp.LocalEndPoint!;
        }

        if (o.ListenTcp.Length > 0)
        {
            tcp = Keep(ListenAddress.Bind(ListenAddress.Resolve(o.ListenTcp), SocketType.Stream, ProtocolType.Tcp));
            TcpEndPoint = (IPEndPoint)tcp.LocalEndPoint!;
        }

        if (o.ListenUnixgram.Length > 0)
        {
            if (File.Exists(o.ListenUnixgram) || Directory.Exists(o.ListenUnixgram))
                throw new UsageException($"cannot listen on unixgram socket {o.ListenUnixgram}: the path already exists (remove the stale socket first)");
            unix = Keep(new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified));
            unix.Bind(new UnixDomainSocketEndPoint(o.ListenUnixgram));
            _unixPath = o.ListenUnixgram;
            if (o.ReadBuffer > 0)
                unix.ReceiveBufferSize = o.ReadBuffer;
            try
            {
                File.SetUnixFileMode(o.ListenUnixgram, (UnixFileMode)Convert.ToInt32(o.UnixSocketMode, 8));
            }
            catch (FormatException)
            {
                throw new UsageException($"invalid --statsd.unixsocket-mode \"{o.UnixSocketMode}\": expected an octal mode such as 755");
            }
        }

        var web = Keep(ListenAddress.Bind(ListenAddress.Resolve(o.WebListenAddress), SocketType.Stream, ProtocolType.Tcp));
        WebEndPoint = (IPEndPoint)web.LocalEndPoint!;

        _loop = new EventLoop(batches, queue, _exporter, o.EventFlushInterval, time, _logger);
        _loop.Start();
        if (udp is not null)
            new UdpStatsdListener(udp, parser, queue, Telemetry, _logger, o.UdpPacketQueueSize).Start();
        if (tcp is not null)
            new TcpStatsdListener(tcp, parser, queue, Telemetry, _logger).Start();
        if (unix is not null)
            new UnixgramStatsdListener(unix, parser, queue, Telemetry, _logger).Start();
        var handler = new WebHandler(registry, Telemetry, time, new WebOptions(o.TelemetryPath, o.EnableLifecycle, Version, Reload, RequestQuit));
        _web = new HttpServer(WebLimits, keepAlive: true, request => Task.FromResult(handler.Handle(request)), (what, error) => _logger.Error(what, ("error", error)));
        _web.Start(web);

        _logger.Info("Accepting StatsD Traffic", ("udp", Describe(UdpEndPoint)), ("tcp", Describe(TcpEndPoint)), ("unixgram", o.ListenUnixgram));
        _logger.Info("Accepting Prometheus Requests", ("addr", Describe(WebEndPoint)));
    }

    private static string Describe(IPEndPoint? endPoint) => endPoint is null
        ? ""
        : endPoint.Address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{endPoint.Address}]:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{endPoint.Address}:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}";

    private Socket Keep(Socket socket)
    {
        _sockets.Add(socket);
        return socket;
    }
}
