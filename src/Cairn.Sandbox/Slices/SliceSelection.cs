using Cairn.Diagnostics;

namespace Cairn.Sandbox.Slices;

/// <summary>
/// The slices a cut installs: those asked for and, as chisel does, every slice they need (each slice's
/// <c>essential</c> and its package's), for one architecture. A slice's package's Debian dependencies are not
/// followed: slices name what they need themselves.
/// </summary>
public static class SliceSelection
{
    /// <summary>The selected slices by package, each sorted; CAIRN4009 for a slice the release does not define.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<SliceDefinition>> Resolve(SliceRelease release, IEnumerable<string> requested, string architecture)
    {
        var chosen = new SortedDictionary<string, SliceDefinition>(StringComparer.Ordinal);
        var pending = new Queue<(string Slice, string? NeededBy)>(requested.Select(r => (r, (string?)null)));
        while (pending.TryDequeue(out var next))
        {
            if (chosen.ContainsKey(next.Slice)) continue;
            var at = next.Slice.IndexOf('_', StringComparison.Ordinal);
            var (package, name) = at < 0 ? (next.Slice, "") : (next.Slice[..at], next.Slice[(at + 1)..]);
            var slices = release.Get(package);
            if (slices is null || !slices.Slices.TryGetValue(name, out var slice))
                throw CairnException.User(SandboxErrorCodes.SliceDefinitionInvalid,
                    $"cannot cut {next.Slice}{(next.NeededBy is null ? "" : $" (which {next.NeededBy} needs)")}: the chisel release at {release.Directory} "
                    + (slices is null ? $"defines no slices of {package}" : $"has no slice '{name}' of {package} (it has {string.Join(", ", slices.Slices.Keys.Order(StringComparer.Ordinal))})"),
                    "name a slice the release defines, or the whole package");
            chosen[next.Slice] = slice;
            foreach (var (needed, architectures) in slices.Essential.Concat(slice.Essential))
            {
                if (needed != next.Slice && (architectures.Count == 0 || architectures.Contains(architecture)))
                    pending.Enqueue((needed, next.Slice));
            }
        }

        return chosen.Values.GroupBy(s => s.Package, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SliceDefinition>)[.. g], StringComparer.Ordinal);
    }
}
