using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>Runs the real cairn executable (as a user would) with an explicit environment.</summary>
public static class CairnProcess
{
    /// <summary>How long one cairn command may take on a slow, shared machine (a first pack installs packages).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    /// <summary>
    /// The Native AOT cairn users run (scripts/setup publishes it to artifacts/cairn), so these tests see what only
    /// the published binary could get wrong (reflection, trimming); <c>$CAIRN_TEST_BIN</c> to choose another.
    /// </summary>
    public static string Executable => PublishedBinary.Cairn.Path;

    public static Task<ProcessOutput> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        ExternalProcess.RunAsync(Executable, args, workingDirectory, environment, Timeout);

    /// <summary>Runs cairn with <paramref name="standardInput"/> on its stdin (then end of file), as a user typing into its shell.</summary>
    public static Task<ProcessOutput> RunWithInputAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, string standardInput, params string[] args) =>
        ExternalProcess.RunAsync(Executable, args, workingDirectory, environment, Timeout, standardInput);

    /// <summary>
    /// Starts cairn and returns at once, so a test can signal it. cairn leads its own process group (setsid), like a
    /// command a terminal runs as its foreground job, so <see cref="RunningProcess.SignalGroup"/> acts as Ctrl+C.
    /// </summary>
    public static RunningProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunningProcess.Start("setsid", [Executable, .. args], workingDirectory, environment);
}
