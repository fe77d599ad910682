using System.CommandLine;

namespace Cairn.Cli;

/// <summary>Options several commands share, created once so each has one spelling and one description.</summary>
public static class CommonOptions
{
    /// <summary><c>--project-dir</c>: the directory holding rockcraft.yaml (default: the current directory).</summary>
    public static Option<string?> ProjectDirectory() => new("--project-dir", "-p")
    {
        Description = "The directory holding rockcraft.yaml (default: the current directory)",
        HelpName = "DIR",
    };

    /// <summary><c>--verbose</c>: more detail, and stack traces for internal errors.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Show more detail (and the stack trace of an internal error)",
        Recursive = true,
    };
}
