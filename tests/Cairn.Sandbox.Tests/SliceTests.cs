using Cairn.Diagnostics;
using Cairn.Sandbox.Caching;
using Cairn.Sandbox.Slices;
using Cairn.TestKit;

namespace Cairn.Sandbox.Tests;

/// <summary>Slice definitions in chisel's format, the closure of essential slices, and cutting a small package the test makes.</summary>
public sealed class SliceTests : IDisposable
{
    private const string Tool = """
        package: tool
        essential:
          - tool_copyright
        slices:
          bins:
            essential:
              - libc6_libs
            contents:
              /usr/bin/tool:
              /usr/lib/*-linux-*/libtool.so.*:
              /usr/share/tool/**:
              /etc/tool.conf: {text: "level=1\n", mutable: true}
              /usr/bin/t: {symlink: tool}
              /var/lib/tool/: {make: true, mode: 0750}
              /usr/lib/only-amd64: {arch: amd64}
              /usr/lib/only-arm: {arch: [arm64, armhf]}
              /usr/bin/tool-helper: {until: mutate}
              /usr/share/tool.default: {copy: /usr/share/tool/data/default}
          copyright:
            contents:
              /usr/share/doc/tool/copyright:
          docs:
            contents:
              /usr/share/doc/tool/README:
        """;

    private const string Libc = """
        package: libc6
        slices:
          libs:
            essential:
              arm-only_x: {arch: arm64}
            contents:
              /usr/lib/x86_64-linux-gnu/libc.so.6:
        """;

    private readonly TempDirectory _temp = new("cairn-slices");

    public SliceTests()
    {
        _temp.Write("release/chisel.yaml", "format: v1\n");
        _temp.Write("release/slices/tool.yaml", Tool);
        _temp.Write("release/slices/base/libc6.yaml", Libc);
        foreach (var file in new[] { "usr/bin/tool", "usr/bin/tool-helper", "usr/lib/x86_64-linux-gnu/libtool.so.1", "usr/lib/x86_64-linux-gnu/libtool.so.1.2",
            "usr/lib/x86_64-linux-gnu/other.so", "usr/share/tool/data/default", "usr/share/tool/a", "usr/share/doc/tool/copyright", "usr/share/doc/tool/README",
            "usr/share/man/man1/tool.1.gz", "usr/lib/only-amd64", "usr/lib/only-arm" })
            _temp.Write("tool/" + file, file + "\n");
        File.SetUnixFileMode(_temp.Combine("tool/usr/bin/tool"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(_temp.Combine("tool/usr/share"), (UnixFileMode)0b111_101_000);
    }

    public void Dispose() => _temp.Dispose();

    private SliceRelease Release => SliceRelease.Load(_temp.Combine("release"));

    [Fact]
    public void A_slice_brings_its_essentials_and_its_packages_and_only_for_its_architecture()
    {
        var selection = SliceSelection.Resolve(Release, ["tool_bins"], "amd64");
        Assert.Equal(["libc6", "tool"], selection.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["bins", "copyright"], selection["tool"].Select(s => s.Name));
        Assert.Equal(["libs"], selection["libc6"].Select(s => s.Name));

        // On arm64, libc6_libs needs a slice of a package the release does not define.
        var error = Assert.Throws<CairnException>(() => SliceSelection.Resolve(Release, ["tool_bins"], "arm64"));
        Assert.Equal(SandboxErrorCodes.SliceDefinitionInvalid, error.Diagnostics[0].Code);
        Assert.Contains("arm-only_x (which libc6_libs needs)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_slice_names_the_ones_there_are()
    {
        var error = Assert.Throws<CairnException>(() => SliceSelection.Resolve(Release, ["tool_nope"], "amd64"));
        Assert.Contains("has no slice 'nope' of tool (it has bins, copyright, docs)", error.Message, StringComparison.Ordinal);
        Assert.True(Release.Defines("libc6"));
        Assert.False(Release.Defines("bash"));
    }

    [Fact]
    public void Cutting_takes_the_slices_paths_globs_and_made_entries_and_nothing_else()
    {
        var slices = SliceSelection.Resolve(Release, ["tool_bins"], "amd64")["tool"];
        SliceCutter.Cut(_temp.Combine("tool"), _temp.Combine("cut"), slices, "amd64");

        var cut = FileTree.Scan(_temp.Combine("cut")).Where(e => e.Value != EntryKind.Directory).Select(e => e.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["etc/tool.conf", "usr/bin/t", "usr/bin/tool", "usr/lib/only-amd64", "usr/lib/x86_64-linux-gnu/libtool.so.1", "usr/lib/x86_64-linux-gnu/libtool.so.1.2",
            "usr/share/doc/tool/copyright", "usr/share/tool.default", "usr/share/tool/a", "usr/share/tool/data/default"], cut);
        Assert.Equal("level=1\n", File.ReadAllText(_temp.Combine("cut/etc/tool.conf")));
        Assert.Equal("tool", new FileInfo(_temp.Combine("cut/usr/bin/t")).LinkTarget);
        Assert.Equal("usr/share/tool/data/default\n", File.ReadAllText(_temp.Combine("cut/usr/share/tool.default")));
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(_temp.Combine("cut/var/lib/tool")));
        // Modes come from the package: its executable stays executable, its 0750 directory stays 0750.
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(_temp.Combine("cut/usr/bin/tool")));
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(_temp.Combine("cut/usr/share")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(_temp.Combine("cut/etc")));
    }

    [Fact]
    public void A_path_the_package_lacks_is_an_error_naming_the_slice()
    {
        File.Delete(_temp.Combine("tool/usr/share/doc/tool/copyright"));
        var slices = SliceSelection.Resolve(Release, ["tool_copyright"], "amd64")["tool"];
        var error = Assert.Throws<CairnException>(() => SliceCutter.Cut(_temp.Combine("tool"), _temp.Combine("cut"), slices, "amd64"));
        Assert.Contains("cannot cut tool_copyright: its package has nothing at /usr/share/doc/tool/copyright", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("package: other\n", "its 'package' must be 'tool'")]
    [InlineData("package: tool\nslices:\n  a:\n    contents:\n      usr/bin/x:\n", "is not absolute")]
    [InlineData("package: tool\nslices:\n  a:\n    contents:\n      /x: {mode: 0999}\n", "is not an octal number")]
    [InlineData("package: tool\nslices: [\n", "line ")]
    public void Malformed_definitions_say_what_is_wrong(string yaml, string expected)
    {
        var error = Assert.Throws<CairnException>(() => SliceRelease.Parse("tool", yaml, "slices/tool.yaml"));
        Assert.Equal(SandboxErrorCodes.SliceDefinitionInvalid, error.Diagnostics[0].Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_that_is_not_a_release_is_refused() =>
        Assert.Contains("has no chisel.yaml", Assert.Throws<CairnException>(() => SliceRelease.Load(_temp.Combine("tool"))).Message, StringComparison.Ordinal);
}
