using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Validation;

/// <summary>
/// Checks <c>services</c> and <c>checks</c> with Pebble's own schema (the shared plan library), turning its
/// problems into located diagnostics.
/// </summary>
public static class ServiceSchema
{
    /// <summary>Records every problem of the <c>services</c> or <c>checks</c> mapping (<paramref name="key"/> says which).</summary>
    public static void Check(YamlMappingNode map, string key, ProblemList problems)
    {
        // Filled in when Cairn.Pebble.Plan lands (LayerParser.ReadServices / ReadChecks).
    }
}
