using Cairn.Diagnostics.Reporting;
using Cairn.Diagnostics;
using Cairn.Sandbox.Environments;
using Cairn.TestKit;

namespace Cairn.Sandbox.Tests;

public class PackageStagerTests
{
    private const string Simulation = """
        NOTE: This is only a simulation!
        Inst libpq5 (16.4-0ubuntu0.24.04.2 Ubuntu:24.04/noble-updates [amd64])
        Inst libssl3t64 [3.0.13-0ubuntu3.1] (1:3.0.13-0ubuntu3.4 Ubuntu:24.04/noble-updates [amd64])
        Conf libpq5 (16.4-0ubuntu0.24.04.2 Ubuntu:24.04/noble-updates [amd64])
        """;

    private static (PackageStager Stager, FakeToolRunner Runner, RecordingReporter Reporter, TempDirectory Temp) Make(Func<IReadOnlyList<string>, CommandResult> respond)
    {
        var temp = new TempDirectory();
        var runner = new FakeToolRunner(respond);
        var reporter = new RecordingReporter();
        return (new PackageStager(runner, "/base/var/lib/dpkg/status", temp.Combine("pool"), reporter), runner, reporter, temp);
    }

    [Fact]
    public async Task Staged_packages_are_read_from_apts_plan_downloaded_and_unpacked()
    {
        string[] fetched = ["Get:1 http://archive.ubuntu.com/ubuntu noble-updates/main amd64 libssl3t64 amd64 3.0.13-0ubuntu3.4 [1940 kB]",
            "Get:2 http://archive.ubuntu.com/ubuntu noble-updates/main amd64 libpq5 amd64 16.4-0ubuntu0.24.04.2 [144 kB]", "Fetched 2084 kB in 1s (2084 kB/s)"];
        var (stager, runner, reporter, temp) = Make(argv => argv.Contains("--simulate") ? new CommandResult(0, Simulation.Split('\n'))
            : argv.Contains("--download-only") ? new CommandResult(0, fetched) : new CommandResult(0, []));
        using var _ = temp;
        var staged = await stager.StageAsync(["libpq5"], temp.Combine("install"), CancellationToken.None);
        // The download is one activity, how far along it is told by apt's Get lines, apt's lines kept as output.
        Assert.Equal(["begin: Downloading 2 stage-packages", $"output: {fetched[0]}", "update: 1 of 2", $"output: {fetched[1]}", "update: 2 of 2",
            $"output: {fetched[2]}", "done: Downloaded 2 stage-packages"], reporter.Lines);

        Assert.Equal([("libpq5", "16.4-0ubuntu0.24.04.2", "amd64"), ("libssl3t64", "1:3.0.13-0ubuntu3.4", "amd64")], staged.Select(p => (p.Name, p.Version, p.Architecture)));
        Assert.Contains("Dir::State::status=/base/var/lib/dpkg/status", runner.Calls[0]);
        Assert.Contains("--download-only", runner.Calls[1]);
        Assert.Contains("libssl3t64=1:3.0.13-0ubuntu3.4", runner.Calls[1]);
        var unpack = Assert.Single(runner.Calls.Skip(2));
        Assert.Equal(["sh", "-c"], unpack.Take(2));
        Assert.Contains("dpkg-deb --extract", unpack[2], StringComparison.Ordinal);
        Assert.Contains("dpkg-deb --field", unpack[2], StringComparison.Ordinal);
        Assert.Equal([temp.Combine("install", ".cairn-control"), temp.Combine("install"), temp.Combine("pool", staged[0].DebFileName), temp.Combine("install"), temp.Combine("pool", staged[1].DebFileName)],
            unpack.Skip(4));
    }

    [Fact]
    public async Task Each_package_keeps_its_control_licence_and_slices_and_the_control_files_are_not_staged()
    {
        var (stager, _, _, temp) = Make(argv =>
        {
            if (argv.Contains("--simulate")) return new CommandResult(0, Simulation.Split('\n'));
            if (argv[0] == "sh")
            {
                // What the unpack script leaves: the files of each .deb, and its control paragraph by .deb name.
                var controls = argv[4];
                var target = argv[5];
                Directory.CreateDirectory(controls);
                foreach (var deb in argv.Skip(6).Where((_, i) => i % 2 == 0))
                {
                    var name = Path.GetFileName(deb).Split('_')[0];
                    File.WriteAllText(Path.Combine(controls, Path.GetFileName(deb)), $"Package: {name}\nSource: postgresql-16\nDescription: {name}\n more\n");
                }

                Directory.CreateDirectory(Path.Combine(target, "usr/share/doc/libpq5"));
                File.WriteAllText(Path.Combine(target, "usr/share/doc/libpq5/copyright"), "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: PostgreSQL\n");
            }

            return new CommandResult(0, []);
        });
        using var _ = temp;
        var staged = await stager.StageAsync(["libpq5_libs", "libpq5_config"], temp.Combine("install"), CancellationToken.None);

        Assert.Equal("Package: libpq5\nSource: postgresql-16\nDescription: libpq5\n more\n", staged[0].Control);
        Assert.Equal("PostgreSQL", staged[0].License);
        Assert.Equal(["libpq5_config", "libpq5_libs"], staged[0].Slices);
        Assert.Empty(staged[1].Slices);
        Assert.Null(staged[1].License);
        Assert.False(Directory.Exists(temp.Combine("install", ".cairn-control")));
    }

    [Fact]
    public async Task Only_packages_missing_from_the_pool_are_downloaded()
    {
        var (stager, runner, _, temp) = Make(argv => argv.Contains("--simulate") ? new CommandResult(0, Simulation.Split('\n')) : new CommandResult(0, []));
        using var _ = temp;
        temp.Write("pool/" + new StagedPackage("libpq5", "16.4-0ubuntu0.24.04.2", "amd64").DebFileName, "a whole .deb");

        await stager.StageAsync(["libpq5"], temp.Combine("one"), CancellationToken.None);
        var download = runner.Calls[1];
        Assert.Contains("libssl3t64=1:3.0.13-0ubuntu3.4", download);
        Assert.DoesNotContain(download, a => a.StartsWith("libpq5=", StringComparison.Ordinal));

        temp.Write("pool/" + new StagedPackage("libssl3t64", "1:3.0.13-0ubuntu3.4", "amd64").DebFileName, "another");
        runner.Calls.Clear();
        await stager.StageAsync(["libpq5"], temp.Combine("two"), CancellationToken.None);
        Assert.Equal(2, runner.Calls.Count); // the plan and the unpack: nothing to download
        Assert.DoesNotContain(runner.Calls, c => c.Contains("--download-only"));
    }

    [Fact]
    public async Task A_package_that_cannot_be_unpacked_is_named()
    {
        var (stager, _, _, temp) = Make(argv => argv.Contains("--simulate") ? new CommandResult(0, Simulation.Split('\n'))
            : argv[0] == "sh" ? new CommandResult(2, [$"dpkg-deb: error: archive has premature member", $"cannot unpack {argv[^1]}"])
            : new CommandResult(0, []));
        using var _ = temp;
        var e = await Assert.ThrowsAsync<CairnException>(() => stager.StageAsync(["libpq5"], temp.Combine("i"), CancellationToken.None));
        Assert.StartsWith("cannot unpack libssl3t64", e.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slice_the_chisel_release_defines_is_cut_with_the_slices_it_needs_and_nothing_else_of_its_packages()
    {
        using var temp = new TempDirectory();
        temp.Write("release/chisel.yaml", "format: v1\n");
        temp.Write("release/slices/libpq5.yaml", "package: libpq5\nslices:\n  libs:\n    essential: [libssl3t64_libs]\n    contents:\n      /usr/lib/x86_64-linux-gnu/libpq.so.*:\n");
        temp.Write("release/slices/libssl3t64.yaml", "package: libssl3t64\nslices:\n  libs:\n    contents:\n      /usr/lib/x86_64-linux-gnu/libssl.so.3:\n");
        var runner = new FakeToolRunner(argv =>
        {
            if (argv.Contains("--simulate"))
            {
                // apt's closure of the packages to cut names a dependency no slice needs: it must not be staged.
                return new CommandResult(0, [.. Simulation.Split('\n'), "Inst libgssapi-krb5-2 (1.20.1-6ubuntu2 Ubuntu:24.04/noble [amd64])"]);
            }

            if (argv[0] == "sh")
            {
                for (var i = 5; i + 1 < argv.Count; i += 2)
                {
                    var (into, name) = (argv[i], Path.GetFileName(argv[i + 1]).Split('_')[0]);
                    Assert.Contains("/.cairn-cut/", into, StringComparison.Ordinal);
                    foreach (var file in new[] { $"usr/share/doc/{name}/copyright", name == "libpq5" ? "usr/lib/x86_64-linux-gnu/libpq.so.5" : "usr/lib/x86_64-linux-gnu/libssl.so.3", $"usr/bin/{name}-tool" })
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(into, file))!);
                        File.WriteAllText(Path.Combine(into, file), file);
                    }
                }
            }

            return new CommandResult(0, []);
        });
        var stager = new PackageStager(runner, "/base/var/lib/dpkg/status", temp.Combine("pool"), Reporter.None, temp.Combine("release"), "amd64");

        var staged = await stager.StageAsync(["libpq5_libs"], temp.Combine("install"), CancellationToken.None);

        Assert.Equal([("libpq5", true, "libpq5_libs"), ("libssl3t64", true, "libssl3t64_libs")], staged.Select(p => (p.Name, p.Cut, string.Join(",", p.Slices))));
        var files = Cairn.Sandbox.Caching.FileTree.Scan(temp.Combine("install")).Where(e => e.Value != Cairn.Sandbox.Caching.EntryKind.Directory).Select(e => e.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["usr/lib/x86_64-linux-gnu/libpq.so.5", "usr/lib/x86_64-linux-gnu/libssl.so.3"], files);
        Assert.DoesNotContain(runner.Calls, c => c.Contains("libgssapi-krb5-2=1.20.1-6ubuntu2"));
    }

    [Fact]
    public void A_deb_file_name_escapes_the_epoch_as_apt_does() =>
        Assert.Equal("libssl3t64_1%3a3.0.13-0ubuntu3.4_amd64.deb", new StagedPackage("libssl3t64", "1:3.0.13-0ubuntu3.4", "amd64").DebFileName);

    [Fact]
    public async Task A_slice_stands_for_its_package_and_the_output_says_so_once()
    {
        var (stager, runner, reporter, temp) = Make(_ => new CommandResult(0, []));
        using var _ = temp;
        await stager.StageAsync(["libpq5_libs", "ca-certificates_data"], temp.Combine("a"), CancellationToken.None);
        await stager.StageAsync(["bash_bins"], temp.Combine("b"), CancellationToken.None);
        Assert.Contains("ca-certificates", runner.Calls[0]);
        Assert.Contains("libpq5", runner.Calls[0]);
        var warning = Assert.Single(reporter.Warnings);
        Assert.Contains("libpq5_libs -> libpq5", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_package_names_the_package_and_the_base()
    {
        var (stager, _, _, temp) = Make(_ => new CommandResult(100, ["Reading package lists...", "E: Unable to locate package libfoo-nonexistent"]));
        using var _ = temp;
        var e = await Assert.ThrowsAsync<CairnException>(() => stager.StageAsync(["libfoo-nonexistent"], temp.Combine("i"), CancellationToken.None));
        Assert.Equal("CAIRN4005", e.Diagnostics[0].Code);
        Assert.Equal(FailureKind.User, e.Kind);
        Assert.Contains("'libfoo-nonexistent'", e.Message, StringComparison.Ordinal);
        Assert.Contains("ubuntu@24.04", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_download_the_archive_no_longer_has_says_the_package_lists_are_stale()
    {
        var (stager, _, _, temp) = Make(argv => argv.Contains("--download-only")
            ? new CommandResult(100, ["E: Failed to fetch http://archive.ubuntu.com/ubuntu/pool/main/p/postgresql-16/libpq5_16.4-0ubuntu0.24.04.2_amd64.deb  404  Not Found [IP: 1.2.3.4 80]"])
            : new CommandResult(0, Simulation.Split('\n')));
        using var _ = temp;
        var e = await Assert.ThrowsAsync<CairnException>(() => stager.StageAsync(["libpq5"], temp.Combine("i"), CancellationToken.None));
        Assert.Equal("CAIRN4007", e.Diagnostics[0].Code);
        Assert.Contains("cairn cache prune", e.Diagnostics[0].Hint, StringComparison.Ordinal);
    }

    private sealed class FakeToolRunner(Func<IReadOnlyList<string>, CommandResult> respond) : IToolRunner
    {
        public List<IReadOnlyList<string>> Calls { get; } = [];

        public string BaseDescription => "ubuntu@24.04";

        public Task<CommandResult> ExecAsync(IReadOnlyList<string> argv, IReadOnlyDictionary<string, bool> binds, Action<string>? onOutput, CancellationToken cancellationToken)
        {
            Calls.Add(argv);
            var result = respond(argv);
            foreach (var line in result.LastLines)
                onOutput?.Invoke(line);
            return Task.FromResult(result);
        }
    }
}
