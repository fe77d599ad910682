using System.Text.RegularExpressions;
using Cairn.Bases;
using Cairn.Sandbox;
using Cairn.Sandbox.Caching;
using Cairn.Sandbox.Environments;
using Cairn.Sandbox.Processes;

namespace Cairn.Wheelhouse;

/// <summary>
/// Builds an offline wheelhouse for a base from that base's own suite (no package index is reachable):
/// every python3-* package in the closure of flask, gunicorn, gevent and wheel is repacked as a wheel with
/// Requires-Dist rebuilt from its Depends and its libraries vendored, plus the pip and setuptools wheels
/// Ubuntu ships. Kept in the cache (<c>wheelhouses/</c>), keyed by the base and this builder's version.
/// </summary>
public sealed partial class WheelhouseBuilder(SandboxHost host)
{
    /// <summary>Bumped whenever the wheels this builder makes change.</summary>
    public const string BuilderVersion = "2"; // 2: dist-info named after the distribution as it spells itself (zope.interface)

    /// <summary>What the wheelhouse is for: a flask app served by gunicorn with gevent workers, and the python plugin's defaults.</summary>
    public static IReadOnlyList<string> RootPackages { get; } =
        ["python3-flask", "python3-gunicorn", "python3-gevent", "python3-wheel", "python3-pip-whl", "python3-setuptools-whl"];

    [GeneratedRegex(@"\.cpython-(?<version>\d+)-")]
    private static partial Regex CompiledModule();

    /// <summary>
    /// The wheelhouse directory for <paramref name="base"/>, built first when the cache lacks it; with
    /// <paramref name="extraPackages"/> (python3-* packages, for a larger benchmark project) a wheelhouse of its own.
    /// </summary>
    public async Task<string> GetAsync(BaseName @base, CancellationToken cancellationToken, IReadOnlyList<string>? extraPackages = null)
    {
        IReadOnlyList<string> roots = [.. RootPackages, .. (extraPackages ?? []).Except(RootPackages).Order(StringComparer.Ordinal)];
        var inputs = new Dictionary<string, string>
        {
            ["builder"] = BuilderVersion,
            ["base"] = @base.Name,
            ["architecture"] = host.Architecture,
            ["packages"] = string.Join(' ', roots),
        };
        var entry = Path.Combine(host.Cache.Wheelhouses, $"{@base.Name.Replace('@', '-')}-{CacheEntries.KeyOf(inputs)}");
        if (CacheEntries.FindReady(entry, host.Clock) is null)
        {
            host.Reporter.Message($"building the wheelhouse for {@base} from its own packages");
            await CacheEntries.CreateAsync(host.Cache.Wheelhouses, Path.GetFileName(entry), "wheelhouse", $"wheels for {@base}", inputs,
                (temp, ct) => BuildAsync(@base, roots, temp, ct), host.Clock, cancellationToken).ConfigureAwait(false);
        }

        return Path.Combine(entry, "wheels");
    }

    private async Task BuildAsync(BaseName @base, IReadOnlyList<string> roots, string entry, CancellationToken cancellationToken)
    {
        var work = Path.Combine(entry, "work");
        var wheels = Path.Combine(entry, "wheels");
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(wheels);
        var factory = new BuildEnvironmentFactory(host);
        var environment = await factory.CreateAsync(new BuildEnvironmentRequest(@base, @base, [], work, new Dictionary<string, string>()), cancellationToken)
            .ConfigureAwait(false) as BubblewrapEnvironment
            ?? throw new InvalidOperationException("the wheelhouse is built in a bubblewrap environment");

        var staged = Path.Combine(work, "staged");
        var packages = await environment.StagePackagesAsync(roots, staged, cancellationToken).ConfigureAwait(false);

        // pip's and setuptools' own wheels, as Ubuntu ships them.
        var shipped = Path.Combine(staged, "usr", "share", "python-wheels");
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var whl in Directory.EnumerateFiles(shipped, "*.whl").Order(StringComparer.Ordinal))
        {
            File.Copy(whl, Path.Combine(wheels, Path.GetFileName(whl)));
            present.Add(Path.GetFileName(whl).Split('-')[0]);
        }

        var dpkgDeb = host.Tools.Require("dpkg-deb", "unpack packages for the wheelhouse");
        var patchelf = host.Tools.Require("patchelf", "vendor libraries into wheels");
        var distributions = new List<(PythonDistribution Distribution, string Unpacked, string Depends)>();
        foreach (var package in packages.Where(p => p.Name.StartsWith("python3-", StringComparison.Ordinal)))
        {
            var deb = Path.Combine(environment.PackagePool, package.DebFileName);
            var unpacked = Path.Combine(work, "debs", package.Name);
            Directory.CreateDirectory(unpacked);
            await host.Runner.RunCheckedAsync(new ProcessRequest([dpkgDeb, "--extract", deb, unpacked]), $"unpack {package.Name}", cancellationToken).ConfigureAwait(false);
            var depends = new List<string>();
            await host.Runner.RunCheckedAsync(new ProcessRequest([dpkgDeb, "--field", deb, "Depends"]) { OnOutput = depends.Add }, $"read {package.Name}", cancellationToken)
                .ConfigureAwait(false);
            var distribution = DistributionReader.Read(package.Name, unpacked);
            if (distribution is not null)
                distributions.Add((distribution, unpacked, string.Join(' ', depends)));
        }

        var names = distributions.ToDictionary(d => d.Distribution.Package, d => d.Distribution.Name, StringComparer.Ordinal);
        var vendor = new LibraryVendor(host.Runner, patchelf, [staged, environment.RootPath]);
        foreach (var (distribution, unpacked, depends) in distributions)
        {
            if (present.Contains(distribution.WheelName))
                continue;
            var payload = Path.Combine(work, "payload", distribution.Package);
            var tag = CopyPayload(distribution, unpacked, payload, [unpacked, staged, environment.RootPath]);
            await vendor.VendorAsync(payload, distribution.WheelName + ".libs", cancellationToken).ConfigureAwait(false);
            WheelWriter.Write(wheels, distribution, payload, tag, DebianDepends.RequiresDist(depends, names));
        }

        FileTree.Delete(work);
    }

    /// <summary>Copies the importable files (symlinks resolved inside the trees) and returns the wheel tag.</summary>
    private string CopyPayload(PythonDistribution distribution, string unpacked, string payload, IReadOnlyList<string> roots)
    {
        var site = DistributionReader.DistPackages(unpacked);
        string? cpython = null;
        foreach (var file in Directory.EnumerateFileSystemEntries(site, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(site, file);
            var top = relative.Split('/')[0];
            if (file.StartsWith(distribution.MetadataDirectory, StringComparison.Ordinal) || top.EndsWith(".pth", StringComparison.Ordinal)
                || relative.Contains("__pycache__", StringComparison.Ordinal) || Directory.Exists(file))
                continue;
            var source = Resolve(file, unpacked, roots);
            if (source is null)
                continue;
            var target = Path.Combine(payload, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            if (CompiledModule().Match(relative) is { Success: true } m)
                cpython = m.Groups["version"].Value;
        }

        var platform = host.Architecture == "arm64" ? "linux_aarch64" : "linux_x86_64";
        return cpython is null ? "py3-none-any" : $"cp{cpython}-cp{cpython}-{platform}";
    }

    /// <summary>A regular file's path; a symlink's target inside the unpacked package, the staged packages or the base; null if dangling.</summary>
    private static string? Resolve(string file, string unpacked, IReadOnlyList<string> roots)
    {
        var info = new FileInfo(file);
        if (info.LinkTarget is null)
            return file;
        if (!Path.IsPathRooted(info.LinkTarget))
        {
            var inTree = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, info.LinkTarget));
            if (inTree.StartsWith(unpacked, StringComparison.Ordinal) && Path.Exists(inTree))
                return Resolve(inTree, unpacked, roots);
            // Relative to the system root: place it under each tree.
            var fromRoot = "/" + Path.GetRelativePath(unpacked, inTree);
            return roots.Select(r => Path.Combine(r, fromRoot.TrimStart('/'))).FirstOrDefault(File.Exists);
        }

        return roots.Select(r => Path.Combine(r, info.LinkTarget.TrimStart('/'))).FirstOrDefault(File.Exists);
    }

    /// <summary>The variables an air-gapped pip uses: no index, this wheelhouse.</summary>
    public static IReadOnlyDictionary<string, string> PipVariables(string wheelhouse) =>
        new Dictionary<string, string> { ["PIP_NO_INDEX"] = "1", ["PIP_FIND_LINKS"] = wheelhouse };
}
