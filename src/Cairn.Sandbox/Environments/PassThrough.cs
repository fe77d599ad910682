namespace Cairn.Sandbox.Environments;

/// <summary>
/// The caller's variables a build environment receives (proxies and the design's PIP_* list, never the
/// whole environment) and the local paths they name, which the sandbox binds at the same path.
/// </summary>
public sealed record PassThrough(IReadOnlyDictionary<string, string> Variables, IReadOnlyList<string> ReadOnlyPaths)
{
    /// <summary>Proxy variables, in both spellings tools read.</summary>
    public static IReadOnlyList<string> ProxyVariables { get; } =
        ["http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY"];

    /// <summary>pip's variables for indexes and local wheelhouses (see the design, "Python").</summary>
    public static IReadOnlyList<string> PipVariables { get; } =
        ["PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX", "PIP_TRUSTED_HOST", "PIP_CONSTRAINT"];

    /// <summary>No variables, no paths.</summary>
    public static PassThrough None { get; } = new(new Dictionary<string, string>(), []);

    /// <summary>
    /// The PIP_* values a build gets from <paramref name="caller"/>, exactly as <see cref="Select"/> passes them
    /// (the missing directories it warns of left out): what can change what pip installs.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PipSettings(IReadOnlyDictionary<string, string> caller) =>
        Select(caller, _ => { }).Variables.Where(v => PipVariables.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    /// <summary>
    /// Picks the listed variables from <paramref name="caller"/>. Local directories in PIP_FIND_LINKS and
    /// files in PIP_CONSTRAINT become read-only binds; a PIP_FIND_LINKS entry that does not exist is dropped
    /// with a warning, because a stale setting must not break a build that does not need it.
    /// </summary>
    public static PassThrough Select(IReadOnlyDictionary<string, string> caller, Action<string> warn)
    {
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in ProxyVariables.Concat(PipVariables))
        {
            if (!caller.TryGetValue(name, out var value) || value.Length == 0)
                continue;
            if (name is "PIP_FIND_LINKS" or "PIP_CONSTRAINT")
            {
                // pip reads several values from one variable separated by whitespace.
                var kept = new List<string>();
                foreach (var entry in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                {
                    var local = LocalPath(entry);
                    if (local is null)
                        kept.Add(entry);
                    else if (Directory.Exists(local) || File.Exists(local))
                    {
                        kept.Add(local);
                        paths.Add(local);
                    }
                    else if (name == "PIP_FIND_LINKS")
                        warn($"ignoring PIP_FIND_LINKS entry '{entry}': {local} does not exist");
                    else
                        kept.Add(entry);
                }

                if (kept.Count > 0)
                    variables[name] = string.Join(' ', kept);
                continue;
            }

            variables[name] = value;
        }

        return new PassThrough(variables, paths.ToArray());
    }

    /// <summary>The absolute local path an entry names (a path or a file: URL), or null for a remote URL.</summary>
    private static string? LocalPath(string entry)
    {
        if (entry.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return Uri.TryCreate(entry, UriKind.Absolute, out var uri) ? uri.LocalPath : null;
        if (entry.Contains("://", StringComparison.Ordinal))
            return null;
        return Path.GetFullPath(entry);
    }
}
