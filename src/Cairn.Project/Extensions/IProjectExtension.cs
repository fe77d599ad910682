using Cairn.Project.Model;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Extensions;

/// <summary>
/// An extension such as <c>flask-framework</c>: a pure transform of the project document. It may read files of
/// the project directory it is given and nothing else; it reports problems to <see cref="ExtensionContext.Problems"/>.
/// </summary>
public interface IProjectExtension
{
    /// <summary>The name users list under <c>extensions</c>.</summary>
    string Name { get; }

    /// <summary>The values of <c>base</c> it supports, sorted.</summary>
    IReadOnlyList<string> SupportedBases { get; }

    /// <summary>
    /// Returns the document with the extension applied. <paramref name="document"/> is the user's validated
    /// document (hyphenated keys) and must not be changed; the result may share its scalar nodes. When its own
    /// checks fail, it reports them and still returns what it can generate without the missing facts, so the
    /// rest of the project is checked and every problem is reported at once.
    /// </summary>
    YamlMappingNode Apply(YamlMappingNode document, ExtensionContext context);

    /// <summary>
    /// Which of the rock's layers the files of <paramref name="part"/>, one of the parts it adds (named
    /// <c>&lt;extension&gt;/&lt;part&gt;</c>), go to: files that change together share a layer.
    /// </summary>
    RockLayer LayerOf(string part);
}
