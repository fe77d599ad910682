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

    /// <summary><c>--destructive-mode</c>: build on the host instead of in the sandbox.</summary>
    public static Option<bool> DestructiveMode() => new("--destructive-mode")
    {
        Description = "Build on this machine itself instead of in a sandbox made from the build base (needs root; changes the host)",
    };

    /// <summary><c>--debug</c>: a shell in the build environment when a step fails.</summary>
    public static Option<bool> Debug() => new("--debug")
    {
        Description = "Open a shell in the build environment, where the step ran, when a step fails (then report the error)",
    };

    /// <summary><c>--dry-run</c>: print the lifecycle's plan instead of running it.</summary>
    public static Option<bool> DryRun() => new("--dry-run")
    {
        Description = "Print which steps would run and why, one line each, and build nothing",
    };

    /// <summary><c>--apt-mirror</c>: an apt mirror replacing the Ubuntu archive.</summary>
    public static Option<string?> AptMirror() => new("--apt-mirror")
    {
        Description = "An apt mirror (URL) to use instead of the Ubuntu archive; default: $CAIRN_APT_MIRROR",
        HelpName = "URL",
    };
}
