namespace Cairn.Sandbox.Packages;

/// <summary>
/// What a package's <c>/usr/share/doc/&lt;package&gt;/copyright</c> says its licence is, when the file is in
/// Debian's machine-readable format (DEP-5): the header's <c>License</c>, else that of the paragraph whose
/// <c>Files</c> include <c>*</c> (the package as a whole). Other files are prose: no licence is claimed for them.
/// </summary>
public static class DebianCopyright
{
    /// <summary>The licence's short name as Debian writes it (<c>GPL-2+</c>, <c>Expat</c>), or null.</summary>
    public static string? LicenseOf(string text)
    {
        var paragraphs = DebianControl.ParseAll(text);
        if (paragraphs is not [var header, ..] || header["Format"] is not { } format
            || !(format.Contains("copyright-format", StringComparison.OrdinalIgnoreCase) || format.Contains("dep5", StringComparison.OrdinalIgnoreCase)))
            return null;
        var whole = header["License"] ?? paragraphs.FirstOrDefault(p =>
            p["Files"]?.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).Contains("*") == true)?["License"];
        // The field's first line is the short name; the lines after it, when any, are the licence's text.
        var name = whole?.Split('\n')[0].Trim();
        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>
    /// The licence of <paramref name="package"/> as installed under <paramref name="root"/>, or null. The doc
    /// directory is often a link to a sibling package's (Ubuntu's libpython3.12-stdlib to libpython3.12-minimal);
    /// an absolute link is followed inside <paramref name="root"/>, never on the host.
    /// </summary>
    public static string? LicenseUnder(string root, string package)
    {
        var doc = Path.Combine(root, "usr", "share", "doc", package);
        for (var hops = 0; hops < 4 && new DirectoryInfo(doc).LinkTarget is { } target; hops++)
            doc = target.StartsWith('/') ? Path.Combine(root, target.TrimStart('/')) : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(doc)!, target));
        var file = Path.Combine(doc, "copyright");
        if (!Path.GetFullPath(file).StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) || !File.Exists(file) || new FileInfo(file).LinkTarget is not null)
            return null;
        try
        {
            return LicenseOf(File.ReadAllText(file));
        }
        catch (IOException)
        {
            // An unreadable copyright file leaves the licence unknown; it is not a reason to fail a build.
            return null;
        }
    }
}
