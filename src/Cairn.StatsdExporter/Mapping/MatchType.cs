namespace Cairn.StatsdExporter.Mapping;

/// <summary>How a mapping's <c>match</c> is read.</summary>
public enum MatchType
{
    /// <summary>Dot-separated components, <c>*</c> matching exactly one (the default).</summary>
    Glob,

    /// <summary>An unanchored regular expression.</summary>
    Regex,
}
