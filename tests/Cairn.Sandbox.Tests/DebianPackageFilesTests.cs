using Cairn.Sandbox.Packages;
using Cairn.TestKit;

namespace Cairn.Sandbox.Tests;

/// <summary>The control paragraphs and copyright files that stage-packages and the bill of materials read.</summary>
public class DebianPackageFilesTests
{
    private const string Status = """
        Package: libc6
        Status: install ok installed
        Version: 2.39-0ubuntu8.4
        Architecture: amd64
        Source: glibc
        Description: GNU C Library: Shared libraries
         Contains the standard libraries that are used by nearly all programs on
         the system.
         .
         A second paragraph.

        # a comment between paragraphs
        package: zlib1g
        Status: deinstall ok config-files
        Version: 1:1.3.dfsg-3.1ubuntu2
        Conffiles:
         /etc/x 0123
        """;

    [Fact]
    public void Paragraphs_keep_their_fields_in_order_and_folded_values_whole()
    {
        var paragraphs = DebianControl.ParseAll(Status);
        Assert.Equal(2, paragraphs.Count);
        Assert.Equal(["Package", "Status", "Version", "Architecture", "Source", "Description"], paragraphs[0].Fields.Select(f => f.Key));
        Assert.Equal("GNU C Library: Shared libraries", paragraphs[0]["description"]!.Split('\n')[0]);
        Assert.Equal(5, paragraphs[0]["Description"]!.Split('\n').Length);
        // dpkg's field names are case-insensitive.
        Assert.Equal("zlib1g", paragraphs[1]["Package"]);
        Assert.Null(paragraphs[1]["Source"]);
    }

    [Fact]
    public void A_paragraph_renders_back_to_the_control_text_it_came_from()
    {
        var first = DebianControl.ParseAll(Status)[0];
        Assert.Equal(Status[..Status.IndexOf("\n\n", StringComparison.Ordinal)] + "\n", first.Render());
        Assert.Equal("Conffiles:\n /etc/x 0123\n", DebianControl.Parse("Conffiles:\n /etc/x 0123\n")!.Render());
        Assert.Null(DebianControl.Parse("\n\n"));
    }

    [Fact]
    public void A_machine_readable_copyright_names_the_licence_of_the_whole_package()
    {
        const string filesStar = """
            Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
            Upstream-Name: example

            Files: debian/*
            License: GPL-2+

            Files: src/* *
            Copyright: 2020 Someone
            License: Expat
             Permission is hereby granted...
            """;
        Assert.Equal("Expat", DebianCopyright.LicenseOf(filesStar));
        Assert.Equal("LGPL-2.1+", DebianCopyright.LicenseOf("Format: http://dep.debian.net/deps/dep5\nLicense: LGPL-2.1+\n\nFiles: *\nLicense: GPL-3\n"));
        // Prose, as glibc's copyright is, claims nothing.
        Assert.Null(DebianCopyright.LicenseOf("This is the Debian prepackaged version of the GNU C Library.\n\nLicense: LGPL\n"));
    }

    [Fact]
    public void A_linked_doc_directory_is_followed_inside_the_root_only()
    {
        using var root = new TempDirectory();
        root.Write("usr/share/doc/libpython3.12-minimal/copyright", "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: PSF-2\n");
        Directory.CreateSymbolicLink(root.Combine("usr/share/doc/libpython3.12-stdlib"), "libpython3.12-minimal");
        // An absolute link means the same place inside the root filesystem, never the host's /usr/share/doc.
        Directory.CreateSymbolicLink(root.Combine("usr/share/doc/python3.12"), "/usr/share/doc/libpython3.12-minimal");
        Assert.Equal("PSF-2", DebianCopyright.LicenseUnder(root.Path, "libpython3.12-stdlib"));
        Assert.Equal("PSF-2", DebianCopyright.LicenseUnder(root.Path, "python3.12"));
        Assert.Null(DebianCopyright.LicenseUnder(root.Path, "absent"));
        Directory.CreateSymbolicLink(root.Combine("usr/share/doc/escapes"), "../../../..");
        Assert.Null(DebianCopyright.LicenseUnder(root.Path, "escapes"));
    }
}
