using Cairn.Bases;
using Cairn.Sandbox;
using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Environments;

namespace Cairn.Wheelhouse;

/// <summary>
/// The sandbox's integration checks as a report, for running them as another user (the rootless test runs the
/// console with <c>--check-sandbox</c> through setpriv): both bases made or found and their
/// <c>/etc/os-release</c> read inside, a build-package installed, libpq5 staged on ubuntu@24.04, the bare
/// closure staged, and a second base request counted. It prints what it saw; the caller judges it.
/// </summary>
public static class SandboxCheck
{
    private static readonly BaseName Jammy = BaseName.Parse("ubuntu@22.04");
    private static readonly BaseName Noble = BaseName.Parse("ubuntu@24.04");

    /// <summary>The files the staging checks look for, anywhere in the install directory.</summary>
    private static readonly string[] StagedFiles = ["libpq.so.5", "python3.12"];

    /// <summary>Runs every check in <paramref name="work"/> and reports one line per fact.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(SandboxHost host, string work, CancellationToken cancellationToken)
    {
        var report = new List<string>();
        var factory = new BuildEnvironmentFactory(host);
        Task<IBuildEnvironment> EnvironmentAsync(BaseName @base, BaseName buildBase, IReadOnlyList<string> buildPackages) =>
            factory.CreateAsync(new BuildEnvironmentRequest(@base, buildBase, buildPackages, work, new Dictionary<string, string>()), cancellationToken);

        foreach (var @base in new[] { Jammy, Noble })
        {
            // On noble the build-packages are the wheelhouse verification's (python3-venv), so that environment is made once.
            var environment = await EnvironmentAsync(@base, @base, @base == Noble ? WheelhouseVerifier.BuildPackages : []).ConfigureAwait(false);
            var osRelease = await OutputAsync(environment, work, ["cat", "/etc/os-release"], cancellationToken).ConfigureAwait(false);
            report.Add($"os-release {@base}: {osRelease.FirstOrDefault(l => l.StartsWith("VERSION_ID=", StringComparison.Ordinal))}");
            if (@base == Noble)
            {
                var package = WheelhouseVerifier.BuildPackages[0];
                var status = await OutputAsync(environment, work, ["dpkg-query", "-W", "-f=${Status}", package], cancellationToken).ConfigureAwait(false);
                report.Add($"build-package {package} on {@base}: {string.Join(' ', status)}");
                report.Add(await StageAsync(environment, @base.Name, ["libpq5"], Path.Combine(work, "stage-noble"), cancellationToken).ConfigureAwait(false));
            }
        }

        var bare = await EnvironmentAsync(BaseName.Bare, Noble, WheelhouseVerifier.BuildPackages).ConfigureAwait(false);
        report.Add(await StageAsync(bare, "bare", ["libpq5_libs", "python3.12"], Path.Combine(work, "stage-bare"), cancellationToken).ConfigureAwait(false));

        var counting = new CountingRunner(host.Runner);
        await new BaseStore(host with { Runner = counting }).GetAsync(new BaseRequest(Noble), cancellationToken).ConfigureAwait(false);
        report.Add($"second base request {Noble}: {counting.Count} processes");
        return report;
    }

    /// <summary>"staged BASE [REQUESTED]: PACKAGES; files: FOUND" with the packages sorted and the found files relative.</summary>
    private static async Task<string> StageAsync(IBuildEnvironment environment, string @base, IReadOnlyList<string> packages, string install, CancellationToken cancellationToken)
    {
        var staged = await environment.StagePackagesAsync(packages, install, cancellationToken).ConfigureAwait(false);
        var files = StagedFiles
            .SelectMany(f => Directory.EnumerateFiles(install, f, SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(install, f))
            .Order(StringComparer.Ordinal);
        return $"staged {@base} [{string.Join(' ', packages)}]: {string.Join(' ', staged.Select(p => p.Name).Order(StringComparer.Ordinal))}; files: {string.Join(' ', files)}";
    }

    private static async Task<IReadOnlyList<string>> OutputAsync(IBuildEnvironment environment, string work, IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var output = new List<string>();
        var result = await environment.RunAsync(new SandboxCommand(argv, work) { OnOutput = output.Add }, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? output : [$"failed with code {result.ExitCode}", .. output];
    }
}
