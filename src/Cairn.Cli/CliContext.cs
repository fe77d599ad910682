namespace Cairn.Cli;

/// <summary>The effects a command may use: where results and diagnostics go, and the working directory.</summary>
/// <param name="Out">Results (stdout).</param>
/// <param name="Error">Diagnostics and progress (stderr).</param>
/// <param name="WorkingDirectory">The directory relative paths are resolved against.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, string WorkingDirectory)
{
    /// <summary>An absolute path for a path the user gave (or the working directory when null).</summary>
    public string Resolve(string? path) => Path.GetFullPath(path ?? ".", WorkingDirectory);
}
