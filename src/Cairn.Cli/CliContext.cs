using Cairn.Cli.Output;

namespace Cairn.Cli;

/// <summary>The effects a command may use: where results and diagnostics go, the working directory, the environment, the clock.</summary>
/// <param name="Out">Results (stdout).</param>
/// <param name="Error">Diagnostics and progress (stderr).</param>
/// <param name="WorkingDirectory">The directory relative paths are resolved against.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, string WorkingDirectory)
{
    /// <summary>The caller's environment variables (what reaches a build, XDG_STATE_HOME, CRAFT_VERBOSITY_LEVEL).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = ProcessVariables();

    /// <summary>Whether stderr is a terminal, where a status line can be redrawn in place.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>The terminal's width in columns.</summary>
    public int TerminalWidth { get; init; } = 80;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>This command's output (reporter, log), set by <see cref="Program.Run"/> once the command line is parsed.</summary>
    public CommandOutput Output { get; internal set; } = null!;

    /// <summary>An absolute path for a path the user gave (or the working directory when null).</summary>
    public string Resolve(string? path) => Path.GetFullPath(path ?? ".", WorkingDirectory);

    /// <summary>This process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string> ProcessVariables() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
}
