using System.Text;
using System.Text.RegularExpressions;
using Cairn.Diagnostics;
using Cairn.Sandbox.Caching;

namespace Cairn.Sandbox.Slices;

/// <summary>
/// Cuts slices out of one unpacked package, as chisel installs them: each content entry for this architecture,
/// extracted (a path, or what a glob matches), copied, written or made, with every parent directory taken from the
/// package (its mode) or made 0755. Entries marked <c>until: mutate</c> serve only chisel's mutation scripts, which
/// cairn does not run, so they are left out; <c>generate</c> entries are chisel's manifest, which cairn replaces
/// with its own records (docs/sbom.md).
/// </summary>
public static class SliceCutter
{
    /// <summary>Cuts <paramref name="slices"/> from <paramref name="package"/> (the unpacked .deb) into <paramref name="target"/>.</summary>
    public static void Cut(string package, string target, IReadOnlyList<SliceDefinition> slices, string architecture)
    {
        var files = FileTree.Scan(package);
        foreach (var slice in slices)
        {
            foreach (var content in slice.Contents.Where(c => c.AppliesTo(architecture) && !c.UntilMutate))
            {
                var relative = content.Path.Trim('/');
                switch (content.Kind)
                {
                    case SliceContentKind.Extract when content.IsGlob:
                        var pattern = Glob(relative);
                        var matches = files.Keys.Where(p => pattern.IsMatch(p)).Order(StringComparer.Ordinal).ToList();
                        if (matches.Count == 0) throw Missing(slice, content.Path);
                        foreach (var match in matches) Extract(package, target, match, files[match], content.Mode);
                        break;
                    case SliceContentKind.Extract:
                        if (!files.TryGetValue(relative, out var kind)) throw Missing(slice, content.Path);
                        Extract(package, target, relative, kind, content.Mode);
                        break;
                    case SliceContentKind.Copy:
                        var source = content.Value!.Trim('/');
                        if (!files.TryGetValue(source, out var sourceKind) || sourceKind == EntryKind.Directory) throw Missing(slice, content.Value!);
                        Parents(package, target, relative);
                        if (!FileTree.Exists(Path.Combine(target, relative))) File.Copy(Path.Combine(package, source), Path.Combine(target, relative));
                        SetMode(Path.Combine(target, relative), content.Mode);
                        break;
                    case SliceContentKind.Text:
                        Parents(package, target, relative);
                        File.WriteAllText(Path.Combine(target, relative), content.Value ?? "", new UTF8Encoding(false));
                        SetMode(Path.Combine(target, relative), content.Mode ?? 0b110_100_100);
                        break;
                    case SliceContentKind.Symlink:
                        Parents(package, target, relative);
                        if (!FileTree.Exists(Path.Combine(target, relative))) File.CreateSymbolicLink(Path.Combine(target, relative), content.Value!);
                        break;
                    case SliceContentKind.Make:
                        Parents(package, target, relative);
                        Directory.CreateDirectory(Path.Combine(target, relative));
                        SetMode(Path.Combine(target, relative), content.Mode ?? 0b111_101_101);
                        break;
                    case SliceContentKind.Generate:
                        break;
                }
            }
        }
    }

    private static void Extract(string package, string target, string relative, EntryKind kind, int? mode)
    {
        Parents(package, target, relative);
        if (!FileTree.Exists(Path.Combine(target, relative)))
            FileTree.CopyEntry(package, target, relative, kind, link: false);
        if (kind != EntryKind.Symlink) SetMode(Path.Combine(target, relative), mode);
    }

    /// <summary>Each missing parent of <paramref name="relative"/>, from the top: the package's directory (its mode), or 0755.</summary>
    private static void Parents(string package, string target, string relative)
    {
        var parts = relative.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            var parent = string.Join('/', parts[..i]);
            if (FileTree.Exists(Path.Combine(target, parent))) continue;
            if (FileTree.KindAt(Path.Combine(package, parent)) == EntryKind.Directory)
            {
                FileTree.CopyEntry(package, target, parent, EntryKind.Directory, link: false);
                continue;
            }

            Directory.CreateDirectory(Path.Combine(target, parent));
            File.SetUnixFileMode(Path.Combine(target, parent), (UnixFileMode)0b111_101_101);
        }
    }

    private static void SetMode(string path, int? mode)
    {
        if (mode is { } m) File.SetUnixFileMode(path, (UnixFileMode)m);
    }

    /// <summary>chisel's wildcards: <c>**</c> crosses '/', <c>*</c> and <c>?</c> do not.</summary>
    private static Regex Glob(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else if (pattern[i] == '*') regex.Append("[^/]*");
            else if (pattern[i] == '?') regex.Append("[^/]");
            else regex.Append(Regex.Escape(pattern[i].ToString()));
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private static CairnException Missing(SliceDefinition slice, string path) =>
        CairnException.User(SandboxErrorCodes.SliceDefinitionInvalid, $"cannot cut {slice.FullName}: its package has nothing at {path}",
            "the slice definitions are for another release of the package: use the chisel release of the build base");
}
