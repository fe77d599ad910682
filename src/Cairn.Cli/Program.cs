using System.CommandLine;
using System.CommandLine.Help;
using Cairn.Cli.Output;
using Cairn.Diagnostics;

namespace Cairn.Cli;

/// <summary>The entry point: runs a command and decides the exit code, in this one place.</summary>
public static class Program
{
    /// <summary>The commands that build, and so keep a log file (docs/output.md).</summary>
    private static readonly HashSet<string> Logged = new(StringComparer.Ordinal) { "pack", "pull", "build", "stage", "prime", "clean" };

    private static int Main(string[] args)
    {
        using var interruption = new Interruption();
        var terminal = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb");
        var context = new CliContext(Console.Out, Console.Error, Directory.GetCurrentDirectory())
        {
            ErrorIsTerminal = terminal,
            TerminalWidth = terminal ? TerminalWidth() : 80,
        };
        return Run(args, context, interruption);
    }

    /// <summary>
    /// Runs cairn with <paramref name="args"/>; returns the exit code (0, 1 user (an interruption by SIGINT or SIGTERM
    /// included, when <paramref name="interruption"/> is given), 2 usage, 3 environment, 70 internal).
    /// </summary>
    public static int Run(string[] args, CliContext context, Interruption? interruption = null)
    {
        var root = CommandLine.Build(context);
        foreach (var option in root.Options.OfType<VersionOption>())
            option.Action = new VersionAction();
        var result = root.Parse(args);
        var warnings = new List<string>();
        string? conflict = null;
        var verbosity = result.Errors.Count > 0 ? null : VerbositySetting.Resolve(result, context.Variables, warnings.Add, out conflict);
        if (verbosity is null)
        {
            foreach (var message in result.Errors.Select(e => e.Message).Append(conflict).OfType<string>())
                context.Error.WriteLine($"error: {message}");
            context.Error.WriteLine("hint: run 'cairn --help' (or 'cairn COMMAND --help') for usage");
            return ExitCodes.Usage;
        }

        var command = result.CommandResult.Command.Name;
        var log = Logged.Contains(command) && result.Action is not HelpAction ? CommandLog.Create(CommandLog.Directory(context.Variables), context.Clock) : null;
        using var output = new CommandOutput(context, verbosity.Value, log);
        context.Output = output;
        log?.Write($"cairn {VersionAction.Version}: cairn {string.Join(' ', args)} (in {context.WorkingDirectory})");
        foreach (var warning in warnings)
            output.Reporter.Warning(warning);
        var renderer = DiagnosticRenderer.ForFileSystem(context.WorkingDirectory);
        try
        {
            // Signals are cairn's own (Interruption), so System.CommandLine never ends a command before it has
            // stopped what it started.
            var configuration = new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return result.InvokeAsync(configuration, interruption?.Token ?? CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (interruption is { Token.IsCancellationRequested: true })
        {
            output.Fail(renderer.Render(Interruption.Diagnostic($"cairn {command}")));
            return ExitCodes.User;
        }
        catch (CairnException e)
        {
            var text = renderer.Render(e.Diagnostics);
            if (verbosity >= Verbosity.Verbose && e.InnerException is not null)
                text += e.InnerException + "\n";
            output.Fail(text);
            return e.Kind == FailureKind.Environment ? ExitCodes.Environment : ExitCodes.User;
        }
        catch (Exception e)
        {
            output.Fail($"internal error: {e.GetType().Name}: {e.Message}\n" + (verbosity >= Verbosity.Verbose
                ? e + "\n"
                : "hint: run again with --verbose for the stack trace, and report it as a bug in cairn\n"));
            return ExitCodes.Internal;
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
