namespace Cairn.Project.Model;

/// <summary>
/// One <c>package-repositories</c> entry (an apt repository or a PPA). Every key the user set is kept, in
/// order, as strings or string lists, so the apt layer can read the ones it supports.
/// </summary>
public sealed record PackageRepository(string Type, IReadOnlyDictionary<string, object> Properties)
{
    /// <summary>A string property, or null.</summary>
    public string? Get(string key) => Properties.TryGetValue(key, out var v) ? v as string : null;

    /// <summary>A list property (a single string counts as one entry), or empty.</summary>
    public IReadOnlyList<string> GetList(string key) => Properties.TryGetValue(key, out var v)
        ? v switch { IReadOnlyList<string> l => l, string s => [s], _ => [] }
        : [];
}
