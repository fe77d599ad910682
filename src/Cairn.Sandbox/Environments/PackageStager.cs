using System.Text.RegularExpressions;
using Cairn.Diagnostics.Reporting;
using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Caching;
using Cairn.Sandbox.Packages;
using Cairn.Sandbox.Slices;

namespace Cairn.Sandbox.Environments;

/// <summary>
/// stage-packages: resolve with apt against what the run base already has, download with apt's hash checks
/// into a shared pool, unpack with <c>dpkg-deb -x</c> (no maintainer scripts) into the part's install directory.
/// </summary>
/// <remarks>
/// A slice (<c>libpq5_libs</c>) whose package the chisel release (<c>CAIRN_CHISEL_RELEASE</c>) defines is cut as
/// chisel cuts it: its package and those of the slices it needs are downloaded (not their Debian dependencies),
/// unpacked aside, and only the slices' contents copied in (docs/sandbox.md, "Chisel slices"). Any other slice
/// stands for its whole package.
/// </remarks>
internal sealed partial class PackageStager(IToolRunner runner, string? runBaseStatus, string pool, IReporter reporter,
    string? chiselRelease = null, string architecture = "amd64")
{
    /// <summary>
    /// <c>dpkg-deb --extract</c> (files only, no maintainer scripts) of each .deb into the directory before it in
    /// the arguments after $1, and its control paragraph into $1/&lt;deb&gt; for the package records
    /// (<see cref="StagedPackage.Control"/>).
    /// </summary>
    private const string UnpackScript = """
        control=$1; shift; mkdir -p "$control"
        while [ $# -gt 1 ]; do
            into=$1; deb=$2; shift 2; mkdir -p "$into"
            dpkg-deb --extract "$deb" "$into" && dpkg-deb --field "$deb" > "$control/${deb##*/}" || { echo "cannot unpack $deb" >&2; exit 1; }
        done
        """;

    /// <summary>Where packages to cut are unpacked whole, one directory each, inside the install directory; removed once cut.</summary>
    private const string CutDirectory = ".cairn-cut";

    private SliceRelease? _release;

    /// <summary>
    /// Where the unpack leaves the control paragraphs: inside the install directory (already bound writable), and
    /// removed once read, so that nothing of it is staged.
    /// </summary>
    private const string ControlDirectory = ".cairn-control";

    /// <summary>
    /// apt's parsed package lists live beside the pool (the environment's own /var/cache/apt is read-only): each apt
    /// call reads them in a few tenths of a second instead of parsing 150 MB of lists again for a second. apt checks
    /// them against the lists and the status file it is given and remakes them (atomically) when either changed; the
    /// status-dependent one is kept per run base, so noble and bare builds do not take turns remaking it.
    /// </summary>
    private readonly string _statusCache = runBaseStatus is null
        ? "pkgcache.bin"
        : $"pkgcache-{CacheEntries.KeyOf(new Dictionary<string, string> { ["status"] = runBaseStatus })}.bin";

    private bool _sliceNoticeGiven;

    [GeneratedRegex(@"^Inst (?<name>\S+) (?:\[\S+\] )?\((?<version>\S+) .*\[(?<arch>[^\]]+)\]\)")]
    private static partial Regex InstLine();

    /// <summary>A chisel slice name (<c>libpq5_libs</c>) to its package; Debian package names never contain '_'.</summary>
    public static string PackageOf(string name)
    {
        var at = name.IndexOf('_', StringComparison.Ordinal);
        return at < 0 ? name : name[..at];
    }

    private static string Count(int packages) => packages == 1 ? "1 stage-package" : $"{packages} stage-packages";

    public async Task<IReadOnlyList<StagedPackage>> StageAsync(IReadOnlyList<string> names, string target, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
            return [];
        if (chiselRelease is not null) _release ??= SliceRelease.Load(chiselRelease);
        var toCut = names.Where(n => IsSlice(n) && _release?.Defines(PackageOf(n)) == true).Distinct(StringComparer.Ordinal).ToArray();
        var whole = names.Except(toCut, StringComparer.Ordinal).ToArray();
        var standIns = whole.Where(IsSlice).ToArray();
        if (standIns.Length > 0 && !_sliceNoticeGiven)
        {
            _sliceNoticeGiven = true;
            var why = _release is null ? "no chisel release is set (CAIRN_CHISEL_RELEASE)" : $"the chisel release at {_release.Directory} defines no slices of them";
            reporter.Warning($"{why}; each of these slices stands for its whole package ({string.Join(", ", standIns.Select(s => $"{s} -> {PackageOf(s)}"))})");
        }

        var cut = toCut.Length == 0 ? new Dictionary<string, IReadOnlyList<SliceDefinition>>() : SliceSelection.Resolve(_release!, toCut, architecture);
        var packages = whole.Select(PackageOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Directory.CreateDirectory(Path.Combine(pool, "partial"));
        Directory.CreateDirectory(target);
        var binds = new Dictionary<string, bool> { [pool] = true, [Path.GetFullPath(target)] = true };
        List<string> options = [.. Apt.CommonOptions, "-o", $"Dir::Cache::pkgcache={pool}/{_statusCache}", "-o", $"Dir::Cache::srcpkgcache={pool}/srcpkgcache.bin", "-o", $"Dir::Cache::Archives={pool}/"];
        if (runBaseStatus is not null)
        {
            // Resolve against the run base's dpkg database: on an Ubuntu base what it lacks, on bare (an empty
            // database) the whole closure. The build environment's own build-packages do not count.
            options.AddRange(["-o", $"Dir::State::status={runBaseStatus}"]);
            binds[runBaseStatus] = false;
        }

        var purpose = $"stage packages {string.Join(", ", packages.Concat(cut.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}";
        var output = new List<string>();
        // Whole packages come with what apt says they depend on; packages to cut only with the slices they need,
        // so apt is asked for their versions alone.
        var wholePackages = await ResolveAsync(packages, options, binds, purpose, cancellationToken).ConfigureAwait(false);
        var cutPackages = (await ResolveAsync([.. cut.Keys.Order(StringComparer.Ordinal)], options, binds, purpose, cancellationToken).ConfigureAwait(false))
            .Where(p => cut.ContainsKey(p.Name) && !wholePackages.Any(w => w.Name == p.Name)).ToArray();
        var staged = wholePackages.Concat(cutPackages).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        if (staged.Length == 0)
            return staged;
        CommandResult result;

        // apt moves a .deb into the pool only once it is whole and its hash checked (it downloads into partial/), so
        // a package whose file is there is not asked for again: one sandbox start and apt run fewer per part.
        var missing = staged.Where(p => !File.Exists(Path.Combine(pool, p.DebFileName))).ToArray();
        if (missing.Length > 0)
        {
            List<string> download = ["apt-get", .. options, "install", "--download-only", "--yes", .. missing.Select(p => $"{p.Name}={p.Version}")];
            // apt locks its download directory and fails when another apt holds it: cairn processes (and parts) using
            // one pool take turns to download. (apt also fetches a package-to-cut's dependencies into the pool; they
            // are only not unpacked: a pool is shared, and the next whole-package build may want them anyway.)
            using (await DirectoryLock.AcquireAsync(pool, () => reporter.Message($"waiting for another cairn to finish downloading into {pool}"), cancellationToken)
                .ConfigureAwait(false))
            {
                using var activity = reporter.Begin($"Downloading {Count(missing.Length)}", $"Downloaded {Count(missing.Length)}");
                var fetched = 0;
                result = await runner.ExecAsync(download, binds, line =>
                {
                    output.Add(line);
                    reporter.Output(line);
                    // apt prints "Get:N URL SUITE PACKAGE ..." as each download starts; "N of M" is how far it is.
                    if (line.StartsWith("Get:", StringComparison.Ordinal))
                        activity.Update($"{++fetched} of {missing.Length}");
                }, cancellationToken).ConfigureAwait(false);
                if (result.Succeeded) activity.Complete();
            }

            if (!result.Succeeded)
                throw Apt.Failure(purpose, runner.BaseDescription, download, result, output);
        }

        // One sandbox start for them all (each start costs more than a small package's unpacking); the loop names
        // the .deb that failed.
        var controls = Path.Combine(Path.GetFullPath(target), ControlDirectory);
        var aside = Path.Combine(Path.GetFullPath(target), CutDirectory);
        string Into(StagedPackage p) => cutPackages.Contains(p) ? Path.Combine(aside, p.DebFileName) : Path.GetFullPath(target);
        List<string> unpack = ["sh", "-c", UnpackScript, "sh", controls, .. staged.SelectMany(p => new[] { Into(p), Path.Combine(pool, p.DebFileName) })];
        output.Clear();
        result = await runner.ExecAsync(unpack, binds, output.Add, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var failed = staged.FirstOrDefault(p => output.Any(l => l.EndsWith("/" + p.DebFileName, StringComparison.Ordinal)));
            throw Apt.Failure($"unpack {failed?.Name ?? string.Join(", ", staged.Select(p => p.Name))}", runner.BaseDescription, unpack, result, output);
        }

        // The licence is read from the whole package, before the cut leaves its copyright file out.
        var licenses = staged.ToDictionary(p => p.Name, p => DebianCopyright.LicenseUnder(cutPackages.Contains(p) ? Into(p) : target, p.Name), StringComparer.Ordinal);
        foreach (var package in cutPackages)
            SliceCutter.Cut(Into(package), target, cut[package.Name], architecture);
        FileTree.DeleteEntry(aside);

        // base-files' own copies of the merged-/usr links add nothing (every base has them) and would collide with
        // the real bin/ and lib/ directories another part makes, such as a venv's.
        foreach (var directory in MergedUsr.Directories.Where(d => MergedUsr.IsLinkIn(target, d)))
            File.Delete(Path.Combine(target, directory));
        return Describe(staged, names, cut, cutPackages.Select(p => p.Name).ToHashSet(StringComparer.Ordinal), licenses, controls);
    }

    private static bool IsSlice(string name) => name.Contains('_', StringComparison.Ordinal);

    /// <summary>apt's plan for installing <paramref name="packages"/> over the run base: each package it would unpack.</summary>
    private async Task<StagedPackage[]> ResolveAsync(string[] packages, List<string> options, Dictionary<string, bool> binds, string purpose, CancellationToken cancellationToken)
    {
        if (packages.Length == 0) return [];
        List<string> simulate = ["apt-get", .. options, "install", "--simulate", .. packages];
        var output = new List<string>();
        var result = await runner.ExecAsync(simulate, binds, output.Add, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw Apt.Failure(purpose, runner.BaseDescription, simulate, result, output);
        return [.. output.Select(l => InstLine().Match(l)).Where(m => m.Success)
            .Select(m => new StagedPackage(m.Groups["name"].Value, m.Groups["version"].Value, m.Groups["arch"].Value))
            .OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Each package with what its records need: its control paragraph, the licence its copyright file names (read
    /// now, while the whole package is unpacked) and the slices that asked for it.
    /// </summary>
    private static StagedPackage[] Describe(StagedPackage[] staged, IReadOnlyList<string> names, IReadOnlyDictionary<string, IReadOnlyList<SliceDefinition>> cut,
        HashSet<string> cutNames, Dictionary<string, string?> licenses, string controls)
    {
        var described = staged.Select(p =>
        {
            var controlFile = Path.Combine(controls, p.DebFileName);
            var wasCut = cutNames.Contains(p.Name);
            return p with
            {
                Control = File.Exists(controlFile) ? DebianControl.Parse(File.ReadAllText(controlFile))?.Render() : null,
                License = licenses[p.Name],
                Slices = wasCut ? [.. cut[p.Name].Select(s => s.FullName)]
                    : [.. names.Where(n => IsSlice(n) && PackageOf(n) == p.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                Cut = wasCut,
            };
        }).ToArray();
        FileTree.DeleteEntry(controls);
        return described;
    }
}
