using Cairn.Daemon;
using Cairn.Pebble.Client;
using Cairn.Pebble.Daemon;

namespace Cairn.Pebble.Cli;

/// <summary>The <c>pebble</c> command line: dispatch, <c>run</c>, <c>enter</c>, <c>help</c>, and error formatting.</summary>
internal static class PebbleCli
{
    private const string ShortHelp = """
        Pebble lets you control services and perform management actions on
        the system that is running them.

        Usage: pebble <command> [<options>...]

        Commands can be classified as follows:

                 Run: run, enter
                Info: help, version
                Plan: add, plan
            Services: services, logs, start, restart, signal, stop, replan
              Checks: checks, start-checks, stop-checks, health
             Changes: changes

        For more information about a command, run 'pebble help <command>'.
        """;

    /// <summary>Runs the CLI; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var stdout = Console.Out;
        var stderr = Console.Error;
        try
        {
            if (args.Length == 0 || args[0] is "help" or "-h" or "--help")
            {
                stdout.WriteLine(ShortHelp);
                return 0;
            }

            if (args[0] == "--version")
            {
                stdout.WriteLine(PebbleDaemon.Version);
                return 0;
            }

            var rest = args.Skip(1).ToList();
            switch (args[0])
            {
                case "run": return await RunDaemonAsync(RunOptions.Parse(rest, enter: false)).ConfigureAwait(false);
                case "enter": return await EnterAsync(RunOptions.Parse(rest, enter: true)).ConfigureAwait(false);
            }

            if (!ClientCommands.Names.Contains(args[0])) throw new UsageException($"unknown command \"{args[0]}\", see 'pebble help'.");
            var commands = new ClientCommands(new PebbleClient(PebbleClient.DefaultSocketPath()), stdout, stderr);
            return await commands.RunAsync(args[0], rest).ConfigureAwait(false);
        }
        catch (DaemonException e)
        {
            // Upstream prints a daemon's fatal error without the "error: " other commands' errors get.
            stderr.WriteLine("cannot run daemon: " + e.Message);
            return 1;
        }
        catch (Exception e) when (e is UsageException or ClientException)
        {
            stderr.WriteLine("error: " + e.Message);
            return 1;
        }
    }

    private static async Task<int> RunDaemonAsync(RunOptions options, Logger? logger = null)
    {
        logger ??= NewLogger();
        await using var host = new PebbleDaemon(options, logger);
        await host.StartAsync().ConfigureAwait(false);
        return await host.RunUntilExitAsync().ConfigureAwait(false);
    }

    private static Logger NewLogger(bool silent = false) =>
        PebbleLog.Create(Console.Error, TimeProvider.System, silent ? LogLevel.None : Environment.GetEnvironmentVariable("PEBBLE_DEBUG") == "1" ? LogLevel.Debug : LogLevel.Info);

    // enter: no subcommand behaves as run; with one, a daemon runs in this process while the subcommand talks to it.
    private static async Task<int> EnterAsync(RunOptions options)
    {
        if (options.Subcommand.Count == 0) return await RunDaemonAsync(options).ConfigureAwait(false);
        var command = options.Subcommand[0];
        var args = options.Subcommand.Skip(1).ToList();
        switch (command)
        {
            case "help":
                if (options.Run) throw new UsageException("enter: cannot provide --run before \"help\" subcommand");
                Console.Out.WriteLine(ShortHelp);
                return 0;
            case "version" or "plan" or "services":
                if (options.Run) throw new UsageException($"enter: cannot provide --run before \"{command}\" subcommand");
                break;
            case "start":
                break;
            case "stop":
                if (!options.Run) throw new UsageException("enter: must use --run before \"stop\" subcommand");
                break;
            default:
                throw new UsageException($"enter: subcommand \"{command}\" is not supported");
        }

        var keepRunning = command is "start" or "stop";
        var logger = NewLogger(silent: !keepRunning && !options.IsVerbose(Environment.GetEnvironmentVariable("PEBBLE_VERBOSE")));
        options.Hold = !options.Run;
        await using var host = new PebbleDaemon(options, logger);
        await host.StartAsync().ConfigureAwait(false);
        if (options.Run) await host.WaitForAutostartAsync().ConfigureAwait(false);
        var commands = new ClientCommands(new PebbleClient(host.SocketPath), Console.Out, Console.Error);
        var code = await commands.RunAsync(command, args).ConfigureAwait(false);
        if (!keepRunning) return code;
        return await host.RunUntilExitAsync().ConfigureAwait(false);
    }
}
