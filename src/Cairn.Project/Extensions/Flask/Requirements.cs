using System.Text.RegularExpressions;

namespace Cairn.Project.Extensions.Flask;

/// <summary>
/// The dependency names a Python project declares: each line of requirements.txt and each entry of
/// pyproject.toml's <c>[project].dependencies</c> read as a PEP 508 requirement. Entries that do not parse
/// (comments, options such as <c>-r</c>, URLs, trailing comments) are skipped, as upstream skips them.
/// Names are lower-cased only, as upstream compares them.
/// </summary>
public static partial class Requirements
{
    // name [extras] (version specifiers | @ url)? (; marker)?  -- enough of PEP 508 to accept what pip accepts
    // and to reject what packaging.Requirement rejects in practice (a '#' comment, an option, a bare URL).
    [GeneratedRegex(@"^\s*(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[A-Za-z0-9._,\s-]*\])?\s*(?:(?:\(?\s*(?:===|==|!=|~=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+\s*(?:,\s*(?:===|==|!=|~=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+\s*)*\)?)|@\s*\S+\s*)?(?:;[^#]*)?$")]
    private static partial Regex Requirement();

    /// <summary>The lower-cased name a requirement line declares, or null when the line is not a requirement.</summary>
    public static string? NameOf(string line)
    {
        var match = Requirement().Match(line);
        if (!match.Success || line.Contains('#'))
            return null;
        return match.Groups["name"].Value.ToLowerInvariant();
    }

    /// <summary>The names in requirements.txt text.</summary>
    public static IEnumerable<string> FromRequirementsTxt(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').Select(NameOf).OfType<string>();

    /// <summary>The names in pyproject.toml's <c>[project].dependencies</c>.</summary>
    public static IEnumerable<string> FromPyProject(string text) =>
        PyProject.ProjectDependencies(text).Select(NameOf).OfType<string>();
}
