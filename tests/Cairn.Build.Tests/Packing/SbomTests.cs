using System.Text.Json;
using Cairn.Build.Packing;
using Cairn.Parts;
using Cairn.Sandbox;
using Cairn.TestKit;
using Json.Schema;

namespace Cairn.Build.Tests.Packing;

/// <summary>The bill of materials (docs/sbom.md): what it lists, how, and that it is valid SPDX 2.3.</summary>
public class SbomTests
{
    private static readonly RockIdentity Rock = new("hello", "Hello", "1.0", "a rock", "of a test", "Apache-2.0", "bare", "amd64");
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Repository.PathOf("tests", "fixtures", "spdx", "spdx-2.3-schema.json"))));

    private static RockContents Sample(string libcVersion = "2.39-0ubuntu8.4")
    {
        StagedPackage[] debian =
        [
            new("base-files", "13ubuntu10", "amd64") { Slices = ["base-files_base", "base-files_release"], Cut = true },
            new("bash", "5.2.21-2ubuntu4", "amd64") { Control = "Package: bash\nSource: bash\nDescription: GNU Bourne Again SHell\n more\n", License = "GPL-3+", Slices = ["bash_bins"] },
            new("libc6", libcVersion, "amd64") { Control = "Package: libc6\nSource: glibc\nDescription: GNU C Library: Shared libraries\n" },
            new("libstdc++6", "14.2.0-4ubuntu2~24.04", "amd64") { Control = "Package: libstdc++6\nSource: gcc-14 (14.2.0-4ubuntu2~24.04)\n", License = "GPL-3+ with GCC-exception-3.1" },
            new("zlib1g", "1:1.3.dfsg-3.1ubuntu2", "amd64"),
        ];
        PythonDistribution[] python = [new("Flask", "3.0.2", "BSD-3-Clause"), new("gunicorn", "20.1.0", null), new("zope.event", "5.0", "ZPL-2.1")];
        return new RockContents(debian, debian, python);
    }

    private static string Render(RockContents contents) => SpdxDocument.Render("hello_1.0_amd64", Rock, "ubuntu-24.04", Created, contents);

    [Fact]
    public void The_document_lists_each_package_with_its_version_source_licence_slices_and_package_url() =>
        Golden.Assert("tests/Cairn.Build.Tests/Golden/sbom.spdx.json", Render(Sample()));

    [Fact]
    public void The_document_is_valid_spdx_2_3()
    {
        var results = Schema.Value.Evaluate(JsonDocument.Parse(Render(Sample())).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        Assert.Equal(["SPDX-2.3", "CC0-1.0", "SPDXRef-DOCUMENT"], new[] { "spdxVersion", "dataLicense", "SPDXID" }.Select(k => JsonDocument.Parse(Render(Sample())).RootElement.GetProperty(k).GetString()));
    }

    [Fact]
    public void The_schema_rejects_what_spdx_forbids_so_a_pass_means_something()
    {
        var broken = Render(Sample()).Replace("\"downloadLocation\": \"NOASSERTION\",", "", StringComparison.Ordinal);
        Assert.False(Schema.Value.Evaluate(JsonDocument.Parse(broken).RootElement).IsValid);
        var badId = Render(Sample()).Replace("SPDXRef-deb-bash", "SPDXRef-deb_bash", StringComparison.Ordinal);
        Assert.False(Schema.Value.Evaluate(JsonDocument.Parse(badId).RootElement).IsValid);
    }

    [Fact]
    public void Equal_contents_give_equal_bytes_and_another_version_another_namespace()
    {
        Assert.Equal(Render(Sample()), Render(Sample()));
        string Namespace(string document) => JsonDocument.Parse(document).RootElement.GetProperty("documentNamespace").GetString()!;
        Assert.NotEqual(Namespace(Render(Sample())), Namespace(Render(Sample("2.39-0ubuntu8.5"))));
        Assert.StartsWith("https://cairn.invalid/spdx/hello_1.0_amd64-", Namespace(Render(Sample())), StringComparison.Ordinal);
        Assert.Contains("\"created\": \"2023-11-14T22:13:20Z\"", Render(Sample()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GPL-2+", "GPL-2.0-or-later")]
    [InlineData("Expat", "MIT")]
    [InlineData("GPL-2+ or Artistic-2.0", "GPL-2.0-or-later OR Artistic-2.0")]
    [InlineData("LGPL-2.1+ and BSD-3-clause", "LGPL-2.1-or-later AND BSD-3-Clause")]
    [InlineData("GPL-3+ with GCC-exception-3.1", null)]
    [InlineData("public-domain", null)]
    [InlineData("GPL-2+ or", null)]
    [InlineData(null, null)]
    public void Debian_licence_names_map_only_when_every_part_does(string? debian, string? spdx) =>
        Assert.Equal(spdx, SpdxLicenses.FromDebian(debian));

    [Fact]
    public void A_python_licence_comes_from_the_expression_then_an_identifier_then_one_unambiguous_classifier()
    {
        Assert.Equal("MIT OR Apache-2.0", SpdxLicenses.FromPython("MIT OR Apache-2.0", "whatever", []));
        Assert.Equal("MIT", SpdxLicenses.FromPython(null, "MIT", []));
        Assert.Equal("MIT", SpdxLicenses.FromPython(null, "The MIT License, see LICENSE", ["License :: OSI Approved :: MIT License"]));
        Assert.Null(SpdxLicenses.FromPython(null, null, ["License :: OSI Approved :: BSD License"]));
        Assert.Null(SpdxLicenses.FromPython(null, null, ["License :: OSI Approved :: MIT License", "License :: OSI Approved :: ISC License (ISCL)"]));
    }

    [Fact]
    public void The_venvs_distributions_are_read_from_their_metadata_and_debians_own_are_not()
    {
        using var prime = new TempDirectory();
        prime.Write("lib/python3.12/site-packages/flask-3.0.2.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: Flask\nVersion: 3.0.2\nLicense-Expression: BSD-3-Clause\nSummary: x\n\nName: not-a-header\n");
        prime.Write("lib/python3.12/site-packages/zope_event-5.0.dist-info/METADATA", "Name: zope.event\nVersion: 5.0\nClassifier: License :: OSI Approved :: Zope Public License\n");
        prime.Write("lib/python3.12/site-packages/broken-1.dist-info/METADATA", "Name: broken\n");
        prime.Write("usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA", "Name: six\nVersion: 1.16.0\n");
        File.CreateSymbolicLink(prime.Combine("lib64"), "lib");

        var found = PythonDistribution.Under(prime.Path);

        Assert.Equal([("Flask", "3.0.2", "BSD-3-Clause"), ("zope.event", "5.0", null)], found.Select(d => (d.Name, d.Version, d.License)));
        Assert.Equal("zope-event", found[1].NormalizedName);
    }

    [Fact]
    public void The_rock_has_the_bases_packages_and_those_of_parts_that_primed_something_staged_ones_winning()
    {
        using var temp = new TempDirectory();
        temp.Write("base/var/lib/dpkg/status", """
            Package: libc6
            Status: install ok installed
            Version: 2.39-0ubuntu8.3
            Architecture: amd64

            Package: zlib1g
            Status: install ok installed
            Version: 1:1.3.dfsg-3.1ubuntu2
            Architecture: amd64

            Package: removed
            Status: deinstall ok config-files
            Version: 1
            Architecture: amd64
            """);
        temp.Write("base/usr/share/doc/zlib1g/copyright", "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: Zlib\n");
        var result = new LifecycleResult
        {
            Steps = [],
            Permissions = [],
            PrimedPaths = new Dictionary<string, IReadOnlyList<string>> { ["runtime"] = ["usr"], ["filtered"] = [] },
            StagedPackages = new Dictionary<string, IReadOnlyList<StagedPackage>>
            {
                ["runtime"] = [new("libc6", "2.39-0ubuntu8.4", "amd64") { Slices = ["libc6_libs"] }],
                ["other"] = [new("libc6", "2.39-0ubuntu8.4", "amd64") { Slices = ["libc6_config"] }],
                ["filtered"] = [new("libpq5", "16.4", "amd64")],
            },
            ProjectVariables = new Dictionary<string, string>(),
            PrimeDirectory = temp.Combine("prime"),
        };
        result = result with { PrimedPaths = new Dictionary<string, IReadOnlyList<string>>(result.PrimedPaths) { ["other"] = ["etc"] } };

        var contents = RockContents.Of(result, temp.Combine("base"));

        Assert.Equal([("libc6", "2.39-0ubuntu8.4"), ("zlib1g", "1:1.3.dfsg-3.1ubuntu2")], contents.Debian.Select(p => (p.Name, p.Version)));
        Assert.Equal(["libc6_config", "libc6_libs"], Assert.Single(contents.Staged).Slices);
        Assert.Equal("Zlib", contents.Debian[1].License);
        Assert.Empty(contents.Python);
    }

    [Fact]
    public void Each_staged_package_gets_a_status_d_record_a_scanner_reads()
    {
        var entries = PackageRecords.Entries(Sample().Staged).ToList();
        Assert.Equal(["var/lib/dpkg", "var/lib/dpkg/status.d", "var/lib/dpkg/status.d/base-files", "var/lib/dpkg/status.d/bash", "var/lib/dpkg/status.d/libc6", "var/lib/dpkg/status.d/libstdc++6", "var/lib/dpkg/status.d/zlib1g"],
            entries.Select(e => e.Path));
        Assert.Equal("Package: zlib1g\nVersion: 1:1.3.dfsg-3.1ubuntu2\nArchitecture: amd64\n", PackageRecords.ControlOf(Sample().Staged.Single(p => p.Name == "zlib1g")));
        Assert.Empty(PackageRecords.Entries([]));
    }
}
