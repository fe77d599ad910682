using Cairn.Diagnostics;
using Cairn.Sandbox.Processes;

namespace Cairn.Sandbox.Environments;

/// <summary>apt command lines and the reading of apt's answers, shared by build-packages and stage-packages.</summary>
internal static class Apt
{
    /// <summary>
    /// Options for every apt-get call. apt's privilege drop to _apt is off because inside a user namespace
    /// there is no _apt to become; the package cache is kept in memory so a read-only root works.
    /// </summary>
    public static IReadOnlyList<string> CommonOptions { get; } =
        ["-q", "-o", "APT::Sandbox::User=root", "-o", "Dpkg::Use-Pty=0", "-o", "Acquire::Retries=3", "-o", "APT::Install-Recommends=false"];

    /// <summary>The variables apt runs with (plus proxies).</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>
    {
        ["DEBIAN_FRONTEND"] = "noninteractive",
        ["DEBCONF_NONINTERACTIVE_SEEN"] = "true",
    };

    /// <summary>The first package apt says it does not know, or null.</summary>
    public static string? UnknownPackage(IReadOnlyList<string> output)
    {
        foreach (var line in output)
        {
            foreach (var sign in new[] { "Unable to locate package ", "has no installation candidate" })
            {
                var at = line.IndexOf(sign, StringComparison.Ordinal);
                if (at < 0)
                    continue;
                if (sign.StartsWith("Unable", StringComparison.Ordinal))
                    return line[(at + sign.Length)..].Trim();
                // E: Package 'foo' has no installation candidate
                var start = line.IndexOf('\'', StringComparison.Ordinal);
                var end = start < 0 ? -1 : line.IndexOf('\'', start + 1);
                if (end > start)
                    return line[(start + 1)..end];
            }
        }

        return null;
    }

    /// <summary>
    /// The error for a failed apt call: an unknown package names it and the base; an unreachable archive or mirror
    /// is named when <paramref name="source"/> (the base request whose sources apt uses) is known; anything else
    /// shows apt's words.
    /// </summary>
    public static CairnException Failure(
        string purpose, string baseDescription, IReadOnlyList<string> argv, CommandResult result, IReadOnlyList<string> allOutput, Bases.BaseRequest? source = null)
    {
        var unknown = UnknownPackage(allOutput);
        if (unknown is not null)
        {
            return CairnException.User(
                SandboxErrorCodes.UnknownPackage,
                $"cannot {purpose}: there is no package '{unknown}' in {baseDescription}",
                $"check the spelling, or look for the right name on packages.ubuntu.com for {baseDescription}");
        }

        var commandLine = new ProcessRequest(argv).CommandLine;
        // Build environments keep the package lists of the day they were made; the archive drops superseded
        // versions, and then a download answers 404.
        var stale = allOutput.Any(l => l.Contains("404", StringComparison.Ordinal) && l.Contains("Not Found", StringComparison.OrdinalIgnoreCase));
        if (stale)
        {
            return ProcessRunnerExtensions.ToolFailure(purpose, commandLine, result, SandboxErrorCodes.AptFailed,
                "the build environment's package lists are out of date: run 'cairn cache prune --all' so the next build fetches new ones");
        }

        if (source is not null && Bases.ArchiveSource.CannotBeReached(allOutput))
        {
            return ProcessRunnerExtensions.ToolFailure($"{purpose}: {Bases.ArchiveSource.Describe(source.Mirror)} cannot be reached", commandLine, result,
                SandboxErrorCodes.AptFailed, Bases.ArchiveSource.UnreachableHint(source.Mirror));
        }

        return ProcessRunnerExtensions.ToolFailure(purpose, commandLine, result, SandboxErrorCodes.AptFailed,
            "if the archive cannot be reached, name a mirror with --apt-mirror or " + Bases.BaseRequest.MirrorVariable);
    }
}
