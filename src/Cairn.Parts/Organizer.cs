using Cairn.Sandbox.Caching;

namespace Cairn.Parts;

/// <summary>
/// Applies a part's <c>organize</c> map to its install directory at the end of build: keys without wildcards first,
/// then globs, each in name order; a directory onto an existing directory merges; a destination ending in '/'
/// receives the source under its own name; two sources onto one destination, or onto a different existing file,
/// are errors.
/// </summary>
internal sealed class Organizer(string part, string install)
{
    private readonly Dictionary<string, string> destinations = new(StringComparer.Ordinal);

    public void Apply(IReadOnlyList<KeyValuePair<string, string>> organize)
    {
        foreach (var (key, value) in organize.OrderBy(e => e.Key.Contains('*')).ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            var from = Clean(key.TrimEnd('/'));
            if (key.Contains('*'))
            {
                var glob = PathPattern.Glob(from);
                var matches = FileTree.Scan(install).Keys.Where(glob.IsMatch).Order(StringComparer.Ordinal).ToList();
                foreach (var match in matches.Where(m => !matches.Any(o => m.StartsWith(o + "/", StringComparison.Ordinal))))
                    Move(match, Clean(value.TrimEnd('/') + "/" + Path.GetFileName(match)));
                continue;
            }

            if (FileTree.KindAt(Path.Combine(install, from)) is null)
                throw PartsErrors.Organize(part, $"'{key}' does not exist in the install directory");
            var to = value.EndsWith('/') ? value + Path.GetFileName(from) : value;
            Move(from, Clean(to));
        }
    }

    private string Clean(string relative)
    {
        var trimmed = relative.Trim();
        if (trimmed.StartsWith('/') || trimmed.Split('/').Contains(".."))
            throw PartsErrors.Organize(part, $"'{relative}' is outside the install directory");
        var cleaned = string.Join('/', trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "."));
        return cleaned.Length == 0 ? "." : cleaned;
    }

    private void Move(string from, string to)
    {
        if (from == to) return;
        if (destinations.TryGetValue(to, out var earlier) && earlier != from)
            throw PartsErrors.Organize(part, $"'{earlier}' and '{from}' would both become '{to}'");
        destinations[to] = from;
        var source = Path.Combine(install, from);
        var target = Path.Combine(install, to);
        var sourceKind = FileTree.KindAt(source);
        var targetKind = FileTree.KindAt(target);
        if (to.StartsWith(from + "/", StringComparison.Ordinal) || from == ".")
        {
            // Moving a directory into itself (flask -> flask/app/flask): step aside first.
            var aside = Path.Combine(install, ".cairn-organize-" + Guid.NewGuid().ToString("N"));
            if (from == ".")
            {
                Directory.CreateDirectory(aside);
                foreach (var entry in new DirectoryInfo(install).EnumerateFileSystemInfos().Where(e => e.FullName != aside))
                    MoveEntry(entry.FullName, Path.Combine(aside, entry.Name));
            }
            else
            {
                Directory.Move(source, aside);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            MoveEntry(aside, target);
            return;
        }

        if (sourceKind == EntryKind.Directory && targetKind == EntryKind.Directory)
        {
            foreach (var child in new DirectoryInfo(source).EnumerateFileSystemInfos().Select(e => e.Name).Order(StringComparer.Ordinal).ToList())
                Move(from + "/" + child, to + "/" + child);
            if (!Directory.EnumerateFileSystemEntries(source).Any()) Directory.Delete(source);
            return;
        }

        if (targetKind is not null)
        {
            if (!FileTree.AreSame(source, target))
                throw PartsErrors.Organize(part, $"cannot move '{from}' to '{to}': the destination already exists");
            FileTree.DeleteEntry(source);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        MoveEntry(source, target);
    }

    private static void MoveEntry(string source, string target)
    {
        if (FileTree.KindAt(source) == EntryKind.Directory) Directory.Move(source, target);
        else File.Move(source, target);
    }
}
