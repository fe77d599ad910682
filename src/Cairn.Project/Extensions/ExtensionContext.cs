using Cairn.Project.Model;
using Cairn.Project.Validation;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Extensions;

/// <summary>What an extension is given besides the document: the typed project, its directory, and where problems go.</summary>
/// <param name="Project">The user's project as validated before any extension ran.</param>
/// <param name="ProjectDirectory">The directory holding rockcraft.yaml; the only place an extension may read.</param>
/// <param name="Problems">Where problems go (all are reported together).</param>
/// <param name="Declaration">The <c>extensions</c> entry naming this extension: where its problems point.</param>
public sealed record ExtensionContext(RockProject Project, string ProjectDirectory, ProblemList Problems, YamlNode Declaration)
{
    /// <summary>The path shown for a file of the project directory: relative to where rockcraft.yaml is shown.</summary>
    public string DisplayPath(string relative)
    {
        var dir = Path.GetDirectoryName(Problems.File);
        return string.IsNullOrEmpty(dir) ? relative : Path.Combine(dir, relative);
    }
}
