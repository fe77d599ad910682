using System.Net.Sockets;
using System.Runtime.InteropServices;
using Cairn.Daemon;
using Cairn.StatsdExporter.Hosting;
using Cairn.StatsdExporter.Mapping;

namespace Cairn.StatsdExporter;

/// <summary>
/// <c>statsd_exporter</c>: receives StatsD, exposes Prometheus metrics, compatible with prometheus/statsd_exporter v0.26.0.
/// Exit codes as upstream: 0 on a signal or <c>--check-config</c> success, 1 for bad flags, config or listen failures.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // The signals handled below, caught even when the parent ignored them, as upstream's Go binary does.
        SignalDispositions.Restore(PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP);
        ExporterOptions options;
        try
        {
            options = ExporterOptionsParser.Parse(args);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"statsd_exporter: error: {e.Message}");
            return 1;
        }

        if (options.ShowHelp)
        {
            Console.Out.Write(ExporterOptionsParser.Usage);
            return 0;
        }

        if (options.ShowVersion)
        {
            Console.Out.WriteLine($"statsd_exporter, version {ExporterDaemon.Version} (branch: , revision: unknown)");
            Console.Out.WriteLine($"  runtime: .NET {Environment.Version} (Native AOT)");
            Console.Out.WriteLine($"  platform: linux/{Metrics.BuildInfo.Architecture}");
            return 0;
        }

        var logger = new Logger(Console.Error, options.LogLevel, TimeProvider.System, LogFormat.Logfmt);
        logger.Info("Starting StatsD -> Prometheus Exporter", ("version", ExporterDaemon.Version));

        var config = MappingConfig.Empty;
        if (options.MappingConfig is not null)
        {
            try
            {
                config = MappingConfigLoader.LoadFile(options.MappingConfig);
            }
            catch (MappingConfigException e)
            {
                logger.Error("error loading config", ("error", e.Describe(options.MappingConfig)), ("hint", e.Hint));
                return 1;
            }

            foreach (var warning in config.Warnings)
                logger.Warn(warning);
        }

        if (options.CheckConfig)
        {
            logger.Info("Configuration check successful, exiting");
            return 0;
        }

        ExporterDaemon host;
        try
        {
            host = ExporterDaemon.Start(options, config, logger, TimeProvider.System);
        }
        catch (Exception e) when (e is UsageException or SocketException or IOException or UnauthorizedAccessException)
        {
            logger.Error("cannot start: " + e.Message);
            return 1;
        }

        using (host)
        {
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                ThreadPool.QueueUserWorkItem(_ => host.Reload());
            });
            host.QuitRequested.WaitOne();
            logger.Info("Received os signal, exiting");
            return 0;

            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                host.RequestQuit();
            }
        }
    }
}
