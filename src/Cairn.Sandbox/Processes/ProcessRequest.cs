namespace Cairn.Sandbox.Processes;

/// <summary>A host process to start: argv, where, and which variables to change.</summary>
/// <param name="Arguments">argv; the first entry is a full path or a name looked up on PATH.</param>
public sealed record ProcessRequest(IReadOnlyList<string> Arguments)
{
    /// <summary>When true the process starts with no variables but <see cref="Environment"/>; otherwise with the caller's.</summary>
    public bool ClearEnvironment { get; init; }

    /// <summary>The working directory; null means the caller's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Variables set (or, with a null value, removed) on top of the caller's environment. Sandboxed
    /// commands never see the caller's environment: bubblewrap's <c>--clearenv</c> does that, not this.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Receives each line of stdout and stderr as it comes, one call at a time (never two at once); may be null.</summary>
    public Action<string>? OnOutput { get; init; }

    /// <summary>If set, the whole output is also appended to this file.</summary>
    public string? LogFile { get; init; }

    /// <summary>
    /// True for a process the user talks to (a shell): it inherits cairn's stdin, stdout and stderr, so
    /// <see cref="OnOutput"/> and <see cref="LogFile"/> are not used and the result has no output lines.
    /// </summary>
    public bool Interactive { get; init; }

    /// <summary>The command line as a user could paste it into a shell, for error messages.</summary>
    public string CommandLine => string.Join(' ', Arguments.Select(ShellQuote));

    private static string ShellQuote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@+%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
