using System.Text.RegularExpressions;
using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Caching;
using Cairn.Sandbox.Packages;

namespace Cairn.Sandbox.Environments;

/// <summary>
/// stage-packages: resolve with apt against what the run base already has, download with apt's hash checks
/// into a shared pool, unpack with <c>dpkg-deb -x</c> (no maintainer scripts) into the part's install directory.
/// </summary>
internal sealed partial class PackageStager(IToolRunner runner, string? runBaseStatus, string pool, Action<string> warn)
{
    /// <summary>
    /// <c>dpkg-deb --extract</c> (files only, no maintainer scripts) of each .deb argument into $1, and its control
    /// paragraph into $2/&lt;deb&gt; for the package records (<see cref="StagedPackage.Control"/>).
    /// </summary>
    private const string UnpackScript = """
        target=$1; control=$2; shift 2; mkdir -p "$control"
        for deb; do
            dpkg-deb --extract "$deb" "$target" && dpkg-deb --field "$deb" > "$control/${deb##*/}" || { echo "cannot unpack $deb" >&2; exit 1; }
        done
        """;

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

    public async Task<IReadOnlyList<StagedPackage>> StageAsync(IReadOnlyList<string> names, string target, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
            return [];
        var slices = names.Where(n => n.Contains('_', StringComparison.Ordinal)).ToArray();
        if (slices.Length > 0 && !_sliceNoticeGiven)
        {
            _sliceNoticeGiven = true;
            warn($"note: chisel slices are not cut yet; each slice stands for its whole package ({string.Join(", ", slices.Select(s => $"{s} -> {PackageOf(s)}"))})");
        }

        var packages = names.Select(PackageOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
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

        var purpose = $"stage packages {string.Join(", ", packages)}";
        List<string> simulate = ["apt-get", .. options, "install", "--simulate", .. packages];
        var output = new List<string>();
        var result = await runner.ExecAsync(simulate, binds, output.Add, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw Apt.Failure(purpose, runner.BaseDescription, simulate, result, output);
        var staged = output.Select(l => InstLine().Match(l)).Where(m => m.Success)
            .Select(m => new StagedPackage(m.Groups["name"].Value, m.Groups["version"].Value, m.Groups["arch"].Value))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        if (staged.Length == 0)
            return staged;

        List<string> download = ["apt-get", .. options, "install", "--download-only", "--yes", .. staged.Select(p => $"{p.Name}={p.Version}")];
        output.Clear();
        // apt locks its download directory and fails when another apt holds it: cairn processes (and parts) using
        // one pool take turns to download.
        using (await DirectoryLock.AcquireAsync(pool, () => warn($"note: waiting for another cairn to finish downloading into {pool}"), cancellationToken)
            .ConfigureAwait(false))
        {
            result = await runner.ExecAsync(download, binds, output.Add, cancellationToken).ConfigureAwait(false);
        }

        if (!result.Succeeded)
            throw Apt.Failure(purpose, runner.BaseDescription, download, result, output);

        // One sandbox start for them all (each start costs more than a small package's unpacking); the loop names
        // the .deb that failed.
        var controls = Path.Combine(Path.GetFullPath(target), ControlDirectory);
        List<string> unpack = ["sh", "-c", UnpackScript, "sh", Path.GetFullPath(target), controls, .. staged.Select(p => Path.Combine(pool, p.DebFileName))];
        output.Clear();
        result = await runner.ExecAsync(unpack, binds, output.Add, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var failed = staged.FirstOrDefault(p => output.Any(l => l.EndsWith("/" + p.DebFileName, StringComparison.Ordinal)));
            throw Apt.Failure($"unpack {failed?.Name ?? string.Join(", ", staged.Select(p => p.Name))}", runner.BaseDescription, unpack, result, output);
        }

        // base-files' own copies of the merged-/usr links add nothing (every base has them) and would collide with
        // the real bin/ and lib/ directories another part makes, such as a venv's.
        foreach (var directory in MergedUsr.Directories.Where(d => MergedUsr.IsLinkIn(target, d)))
            File.Delete(Path.Combine(target, directory));
        return Describe(staged, names, target, controls);
    }

    /// <summary>
    /// Each package with what its records need: its control paragraph, the licence its copyright file names (read
    /// now, while the whole package is unpacked) and the slices that asked for it.
    /// </summary>
    private static StagedPackage[] Describe(StagedPackage[] staged, IReadOnlyList<string> names, string target, string controls)
    {
        var described = staged.Select(p =>
        {
            var controlFile = Path.Combine(controls, p.DebFileName);
            return p with
            {
                Control = File.Exists(controlFile) ? DebianControl.Parse(File.ReadAllText(controlFile))?.Render() : null,
                License = DebianCopyright.LicenseUnder(target, p.Name),
                Slices = names.Where(n => n.Contains('_', StringComparison.Ordinal) && PackageOf(n) == p.Name).Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal).ToArray(),
            };
        }).ToArray();
        FileTree.DeleteEntry(controls);
        return described;
    }
}
