using System.CommandLine;
using Cairn.Diagnostics;

namespace Cairn.Cli;

/// <summary>The entry point: runs a command and decides the exit code, in this one place.</summary>
public static class Program
{
    private static int Main(string[] args)
    {
        using var interruption = new Interruption();
        return Run(args, new CliContext(Console.Out, Console.Error, Directory.GetCurrentDirectory()), interruption);
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
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
                context.Error.WriteLine($"error: {error.Message}");
            context.Error.WriteLine("hint: run 'cairn --help' (or 'cairn COMMAND --help') for usage");
            return ExitCodes.Usage;
        }

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
            var diagnostic = Interruption.Diagnostic($"cairn {result.CommandResult.Command.Name}");
            context.Error.Write(DiagnosticRenderer.ForFileSystem(context.WorkingDirectory).Render(diagnostic));
            return ExitCodes.User;
        }
        catch (CairnException e)
        {
            context.Error.Write(DiagnosticRenderer.ForFileSystem(context.WorkingDirectory).Render(e.Diagnostics));
            if (result.GetValue(CommonOptions.Verbose) && e.InnerException is not null)
                context.Error.WriteLine(e.InnerException);
            return e.Kind == FailureKind.Environment ? ExitCodes.Environment : ExitCodes.User;
        }
        catch (Exception e)
        {
            context.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            if (result.GetValue(CommonOptions.Verbose))
                context.Error.WriteLine(e);
            else
                context.Error.WriteLine("hint: run again with --verbose for the stack trace, and report it as a bug in cairn");
            return ExitCodes.Internal;
        }
    }
}
