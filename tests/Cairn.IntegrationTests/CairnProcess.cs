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

    /// <summary>
    /// The daemons cairn stages into rocks, as fresh as the sources (<see cref="PublishedBinary"/>): scripts/setup's
    /// artifacts/payload when it is, else a copy of the ones published for the tests, so no test packs a stale pebble.
    /// </summary>
    public static string Payload => Environment.GetEnvironmentVariable("CAIRN_PAYLOAD") is { Length: > 0 } given ? given : FreshPayload.Value;

    private static readonly Lazy<string> FreshPayload = new(() =>
    {
        var pebble = PublishedBinary.Pebble.Path;
        var exporter = PublishedBinary.StatsdExporter.Path;
        if (Path.GetDirectoryName(pebble) == Path.GetDirectoryName(exporter)) return Path.GetDirectoryName(pebble)!;
        var payload = Repository.PathOf("artifacts", "payload-test");
        Directory.CreateDirectory(payload);
        File.Copy(pebble, Path.Combine(payload, "pebble"), overwrite: true);
        File.Copy(exporter, Path.Combine(payload, "statsd_exporter"), overwrite: true);
        return payload;
    });

    /// <summary><paramref name="environment"/> with the fresh payload, for a test that starts cairn its own way.</summary>
    public static IReadOnlyDictionary<string, string?> WithPayload(IReadOnlyDictionary<string, string?> environment) =>
        environment.ContainsKey("CAIRN_PAYLOAD") ? environment : new Dictionary<string, string?>(environment) { ["CAIRN_PAYLOAD"] = Payload };

    public static Task<ProcessOutput> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        ExternalProcess.RunAsync(Executable, args, workingDirectory, WithPayload(environment), Timeout);

    /// <summary>Runs cairn with <paramref name="standardInput"/> on its stdin (then end of file), as a user typing into its shell.</summary>
    public static Task<ProcessOutput> RunWithInputAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, string standardInput, params string[] args) =>
        ExternalProcess.RunAsync(Executable, args, workingDirectory, WithPayload(environment), Timeout, standardInput);

    /// <summary>
    /// Starts cairn and returns at once, so a test can signal it. cairn leads its own process group (setsid), like a
    /// command a terminal runs as its foreground job, so <see cref="RunningProcess.SignalGroup"/> acts as Ctrl+C; and
    /// like such a job it starts with SIGINT and SIGQUIT at their default, whatever the test runner inherited (a
    /// runner started as a shell's background job ignores them, and cairn, as any Unix command, keeps an ignored
    /// SIGINT ignored).
    /// </summary>
    public static RunningProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunningProcess.Start("setsid", ["env", "--default-signal=INT,QUIT", Executable, .. args], workingDirectory, WithPayload(environment));
}
