using Cairn.Diagnostics;
using Cairn.Diagnostics.Reporting;
using Cairn.Files;
using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Caching;
using Cairn.Sandbox.Processes;

namespace Cairn.Sandbox.Environments;

/// <summary>
/// Gives the parts engine its <see cref="IBuildEnvironment"/>: bubblewrap over a cached copy of the build
/// base with the build-packages installed (one copy per package set), or the host in destructive mode.
/// </summary>
public sealed class BuildEnvironmentFactory(SandboxHost host)
{
    /// <summary>Bumped when the way environments are made changes.</summary>
    private const string FormatVersion = "1";

    /// <summary>Makes (or finds in the cache) the environment for <paramref name="request"/>.</summary>
    public async Task<IBuildEnvironment> CreateAsync(BuildEnvironmentRequest request, CancellationToken cancellationToken)
    {
        var passThrough = PassThrough.Select(request.CallerEnvironment, host.Reporter.Warning);
        var packages = request.BuildPackages.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (request.DestructiveMode)
        {
            if (packages.Length > 0)
                await InstallOnHostAsync(packages, cancellationToken).ConfigureAwait(false);
            var home = request.CallerEnvironment.GetValueOrDefault("HOME") ?? "/root";
            return new HostEnvironment(host, passThrough, home, Path.Combine(host.Cache.Packages, "host"));
        }

        var bwrap = host.Tools.Require("bwrap", "enter the build environment");
        if (request.BuildBase.IsBare)
        {
            throw CairnException.User(SandboxErrorCodes.BareHasNoRoot, "cannot build on base 'bare': it has no root filesystem to build in",
                "set build-base to ubuntu@24.04 or ubuntu@22.04");
        }

        var store = new BaseStore(host);
        var buildBaseRequest = new BaseRequest(request.BuildBase, request.Mirror, request.SourceDateEpoch);
        var buildBase = await store.GetAsync(buildBaseRequest, cancellationToken).ConfigureAwait(false);
        var environment = await GetRootAsync(bwrap, buildBase, buildBaseRequest, packages, cancellationToken).ConfigureAwait(false);
        var pool = Path.Combine(host.Cache.Packages, Path.GetFileName(environment));

        string runBaseStatus;
        if (request.Base.IsBare)
            runBaseStatus = EmptyStatusFile();
        else if (request.Base == request.BuildBase)
            runBaseStatus = buildBase.DpkgStatusPath;
        else
            runBaseStatus = (await store.GetAsync(new BaseRequest(request.Base, request.Mirror, request.SourceDateEpoch), cancellationToken).ConfigureAwait(false)).DpkgStatusPath;

        var description = request.Base == request.BuildBase ? request.BuildBase.Name : $"{request.BuildBase.Name} for {request.Base.Name}";
        return new BubblewrapEnvironment(host, bwrap, Path.Combine(environment, "rootfs"), description, request.WorkDirectory, passThrough, runBaseStatus, pool);
    }

    /// <summary>The cached root of the build base with <paramref name="packages"/> installed (and apt's lists fetched).</summary>
    private async Task<string> GetRootAsync(string bwrap, CachedBase buildBase, BaseRequest source, IReadOnlyList<string> packages, CancellationToken cancellationToken)
    {
        var inputs = new Dictionary<string, string>
        {
            ["format"] = FormatVersion,
            ["base"] = buildBase.Base.Name,
            ["base-key"] = buildBase.Key,
            ["build-packages"] = string.Join(' ', packages),
        };
        var key = CacheEntries.KeyOf(inputs);
        var directory = Path.Combine(host.Cache.Environments, $"{buildBase.Base.Name.Replace('@', '-')}-{key}");
        if (CacheEntries.FindReady(directory, host.Clock) is not null)
            return directory;

        var description = packages.Count == 0 ? buildBase.Base.Name : $"{buildBase.Base.Name} + {string.Join(", ", packages)}";
        using var activity = host.Reporter.Begin($"Preparing the build environment ({description})", $"Prepared the build environment ({description})");
        await CacheEntries.CreateAsync(host.Cache.Environments, Path.GetFileName(directory), "environment", description, inputs,
            (temp, ct) => FillAsync(bwrap, buildBase, source, packages, Path.Combine(temp, "rootfs"), activity, ct), host.Clock, cancellationToken).ConfigureAwait(false);
        activity.Complete();
        return directory;
    }

    /// <summary>Copies the base into <paramref name="rootfs"/>, fetches apt's lists from the archive or mirror the base was made from, installs <paramref name="packages"/>.</summary>
    private async Task FillAsync(string bwrap, CachedBase buildBase, BaseRequest source, IReadOnlyList<string> packages, string rootfs, IActivity activity, CancellationToken cancellationToken)
    {
        var cp = host.Tools.Require("cp", "copy the base");
        activity.Update("copying the base");
        await host.Runner.RunCheckedAsync(new ProcessRequest([cp, "-a", "--reflink=auto", buildBase.RootPath, rootfs]), $"copy base {buildBase.Base}", cancellationToken)
            .ConfigureAwait(false);

        var purpose = packages.Count == 0 ? $"fetch the package lists of {buildBase.Base}" : $"install build-packages on {buildBase.Base}";
        // By default apt-get update only warns about a source it cannot fetch and exits 0; the empty lists would
        // then make every build-package look unknown. --error-on=any makes it fail where the cause is.
        await AptAsync(bwrap, rootfs, source, purpose, ["apt-get", .. Apt.CommonOptions, "update", "--error-on=any"], activity, cancellationToken).ConfigureAwait(false);
        if (packages.Count > 0)
        {
            await AptAsync(bwrap, rootfs, source, purpose, ["apt-get", .. Apt.CommonOptions, "install", "--yes", .. packages], activity, cancellationToken)
                .ConfigureAwait(false);
        }

        await AptAsync(bwrap, rootfs, source, purpose, ["apt-get", .. Apt.CommonOptions, "clean"], activity, cancellationToken).ConfigureAwait(false);
    }

    private async Task AptAsync(string bwrap, string rootfs, BaseRequest source, string purpose, IReadOnlyList<string> apt, IActivity activity, CancellationToken cancellationToken)
    {
        var variables = SandboxVariables.For(BubblewrapArguments.SandboxPath, "/root", PassThrough.None, Apt.Variables);
        var argv = BubblewrapArguments.Build(bwrap, rootfs, writableRoot: true, unshareUser: !host.IsRoot, new Dictionary<string, bool>(), variables, "/", apt);
        var output = new List<string>();
        var result = await host.Runner.RunAsync(new ProcessRequest(argv) { OnOutput = line => { output.Add(line); host.Reporter.Output(line); activity.Update(line); } }, cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
            throw Apt.Failure(purpose, source.Base.Name, apt, result, output, source);
    }

    private async Task InstallOnHostAsync(IReadOnlyList<string> packages, CancellationToken cancellationToken)
    {
        var aptGet = host.Tools.Require("apt-get", "install build-packages on the host");
        foreach (var apt in new List<string>[] { [aptGet, "-q", "update"], [aptGet, "-q", "install", "--yes", "--no-install-recommends", .. packages] })
        {
            var output = new List<string>();
            var request = new ProcessRequest(apt) { Environment = Apt.Variables.ToDictionary(v => v.Key, string? (v) => v.Value), OnOutput = output.Add };
            var result = await host.Runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
                throw Apt.Failure("install build-packages on the host", "the host's apt sources", apt, result, output);
        }
    }

    /// <summary>An empty dpkg database: what bare has.</summary>
    private string EmptyStatusFile()
    {
        var path = Path.Combine(host.Cache.Packages, "bare.status");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(host.Cache.Packages);
            AtomicFile.Write(path, "");
        }

        return path;
    }
}
