namespace Cairn.Pebble.Plan;

/// <summary>Which health level a check contributes to (<c>level:</c>).</summary>
public enum CheckLevel
{
    /// <summary>Not given: counted only when no level is asked for.</summary>
    Unset,

    /// <summary><c>alive</c>.</summary>
    Alive,

    /// <summary><c>ready</c> (alive checks count for ready too).</summary>
    Ready,
}
