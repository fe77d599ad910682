namespace Cairn.Parts;

/// <summary>
/// The lifecycle steps in the order they run. craft-parts also has an overlay step between pull and build;
/// cairn does not (see docs/parts.md).
/// </summary>
public enum Step
{
    /// <summary>Fetch the source into <c>parts/&lt;part&gt;/src</c> and the stage-packages.</summary>
    Pull = 1,

    /// <summary>Copy the source to <c>build</c>, run the plugin, fill <c>install</c>, apply organize.</summary>
    Build = 2,

    /// <summary>Copy the part's <c>stage</c> fileset from <c>install</c> into the shared <c>stage</c> directory.</summary>
    Stage = 3,

    /// <summary>Copy the part's <c>prime</c> fileset from <c>stage</c> into <c>prime</c> and record permissions.</summary>
    Prime = 4,
}
