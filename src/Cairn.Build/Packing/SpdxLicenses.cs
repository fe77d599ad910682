using System.Text.RegularExpressions;

namespace Cairn.Build.Packing;

/// <summary>
/// Licences as SPDX expressions, from what packages say of themselves. Only what maps without doubt is claimed:
/// anything else is null, which the bill of materials writes as NOASSERTION (docs/sbom.md).
/// </summary>
public static partial class SpdxLicenses
{
    /// <summary>Debian's short names (copyright-format 1.0) that name exactly one SPDX licence.</summary>
    private static readonly Dictionary<string, string> Debian = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Apache-2.0"] = "Apache-2.0", ["Artistic-2.0"] = "Artistic-2.0", ["BSD-2-clause"] = "BSD-2-Clause",
        ["BSD-3-clause"] = "BSD-3-Clause", ["BSD-4-clause"] = "BSD-4-Clause", ["BSL-1.0"] = "BSL-1.0", ["CC0-1.0"] = "CC0-1.0",
        ["Expat"] = "MIT", ["MIT"] = "MIT", ["ISC"] = "ISC", ["Zlib"] = "Zlib", ["MPL-1.1"] = "MPL-1.1", ["MPL-2.0"] = "MPL-2.0",
        ["PSF-2"] = "PSF-2.0", ["Python-2.0"] = "Python-2.0", ["OpenSSL"] = "OpenSSL", ["curl"] = "curl", ["X11"] = "X11",
        ["GPL-1"] = "GPL-1.0-only", ["GPL-1+"] = "GPL-1.0-or-later", ["GPL-2"] = "GPL-2.0-only", ["GPL-2+"] = "GPL-2.0-or-later",
        ["GPL-3"] = "GPL-3.0-only", ["GPL-3+"] = "GPL-3.0-or-later", ["LGPL-2"] = "LGPL-2.0-only", ["LGPL-2+"] = "LGPL-2.0-or-later",
        ["LGPL-2.1"] = "LGPL-2.1-only", ["LGPL-2.1+"] = "LGPL-2.1-or-later", ["LGPL-3"] = "LGPL-3.0-only", ["LGPL-3+"] = "LGPL-3.0-or-later",
        ["AGPL-3"] = "AGPL-3.0-only", ["AGPL-3+"] = "AGPL-3.0-or-later", ["GFDL-1.3+"] = "GFDL-1.3-or-later", ["Unicode-DFS-2016"] = "Unicode-DFS-2016",
    };

    /// <summary>
    /// Trove classifiers (<c>License :: OSI Approved :: ...</c>) that name one licence and its version; "Apache
    /// Software License" or "BSD License" do not, so they are not here.
    /// </summary>
    private static readonly Dictionary<string, string> Classifiers = new(StringComparer.Ordinal)
    {
        ["MIT License"] = "MIT", ["ISC License (ISCL)"] = "ISC", ["Mozilla Public License 2.0 (MPL 2.0)"] = "MPL-2.0",
        ["The Unlicense (Unlicense)"] = "Unlicense", ["BSD Zero-Clause License (0BSD)"] = "0BSD",
        ["GNU Lesser General Public License v2 or later (LGPLv2+)"] = "LGPL-2.0-or-later",
        ["GNU General Public License v2 or later (GPLv2+)"] = "GPL-2.0-or-later",
        ["GNU General Public License v3 or later (GPLv3+)"] = "GPL-3.0-or-later",
    };

    /// <summary>
    /// A Debian licence (<c>GPL-2+ or Artistic-2.0</c>): each name mapped, joined with AND/OR as Debian joins them
    /// with and/or; null when any part does not map (an exception clause, a name of Debian's own such as
    /// <c>public-domain</c>).
    /// </summary>
    public static string? FromDebian(string? license)
    {
        if (string.IsNullOrWhiteSpace(license)) return null;
        var words = license.Replace(",", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var parts = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            if (i % 2 == 1)
            {
                if (!words[i].Equals("or", StringComparison.OrdinalIgnoreCase) && !words[i].Equals("and", StringComparison.OrdinalIgnoreCase)) return null;
                parts.Add(words[i].ToUpperInvariant());
            }
            else if (Debian.TryGetValue(words[i], out var id)) parts.Add(id);
            else return null;
        }

        return words.Length % 2 == 1 ? string.Join(' ', parts) : null;
    }

    /// <summary>
    /// A Python distribution's licence: <c>License-Expression</c> (core metadata 2.4) when it is well formed, else a
    /// <c>License</c> field that is itself one SPDX identifier, else a single unambiguous licence classifier.
    /// </summary>
    public static string? FromPython(string? expression, string? license, IEnumerable<string> classifiers)
    {
        if (expression is { } e && IsExpression(e)) return e.Trim();
        if (license is { } l && Debian.Values.Contains(l.Trim(), StringComparer.Ordinal)) return l.Trim();
        var named = classifiers.Where(c => c.StartsWith("License :: ", StringComparison.Ordinal))
            .Select(c => c[(c.LastIndexOf("::", StringComparison.Ordinal) + 2)..].Trim())
            .Select(c => Classifiers.GetValueOrDefault(c)).Distinct().ToList();
        return named is [{ } only] ? only : null;
    }

    /// <summary>True when <paramref name="text"/> has the shape of an SPDX expression (its identifiers are not checked against the list).</summary>
    public static bool IsExpression(string text) => Expression().IsMatch(text.Trim());

    /// <summary>Identifiers joined by AND/OR/WITH, with parentheses.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9.+()-]+( +(AND|OR|WITH) +[A-Za-z0-9.+()-]+)*$")]
    private static partial Regex Expression();
}
