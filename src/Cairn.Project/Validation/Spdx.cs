namespace Cairn.Project.Validation;

/// <summary>
/// The SPDX license identifiers cairn recognises (the ones projects commonly use; the full SPDX list is not
/// bundled). Lookup is case-insensitive and returns the canonical spelling.
/// </summary>
public static class Spdx
{
    private static readonly string[] Identifiers =
    [
        "0BSD", "AFL-3.0", "AGPL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.1", "Apache-2.0", "APSL-2.0",
        "Artistic-2.0", "BSD-1-Clause", "BSD-2-Clause", "BSD-2-Clause-Patent", "BSD-3-Clause", "BSD-3-Clause-Clear",
        "BSD-4-Clause", "BSL-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "CDDL-1.0", "CDDL-1.1", "CECILL-2.1",
        "CPL-1.0", "ECL-2.0", "EPL-1.0", "EPL-2.0", "EUPL-1.1", "EUPL-1.2", "GPL-2.0", "GPL-2.0-only",
        "GPL-2.0-or-later", "GPL-3.0", "GPL-3.0-only", "GPL-3.0-or-later", "ISC", "LGPL-2.0-only",
        "LGPL-2.0-or-later", "LGPL-2.1", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0", "LGPL-3.0-only",
        "LGPL-3.0-or-later", "LPPL-1.3c", "MIT", "MIT-0", "MPL-1.1", "MPL-2.0", "MS-PL", "MS-RL", "MulanPSL-2.0",
        "NCSA", "ODbL-1.0", "OFL-1.1", "OSL-3.0", "PostgreSQL", "PSF-2.0", "Python-2.0", "Unlicense", "UPL-1.0",
        "Vim", "W3C", "WTFPL", "X11", "Zlib", "ZPL-2.1",
    ];

    private static readonly Dictionary<string, string> ByLowerCase =
        Identifiers.ToDictionary(i => i.ToLowerInvariant(), i => i, StringComparer.Ordinal);

    /// <summary>The canonical spelling of <paramref name="license"/>, <c>proprietary</c>, or null when not recognised.</summary>
    public static string? Normalise(string license)
    {
        if (string.Equals(license, "proprietary", StringComparison.OrdinalIgnoreCase))
            return "proprietary";
        return ByLowerCase.TryGetValue(license.ToLowerInvariant(), out var canonical) ? canonical : null;
    }

    /// <summary>Every identifier, for suggestions.</summary>
    public static IReadOnlyList<string> All => Identifiers;
}
