namespace Cairn.Pebble.Plan;

/// <summary>How a layer's definition of a named object combines with earlier layers' (<c>override:</c>).</summary>
public enum Override
{
    /// <summary>Not given; an error once layers are combined.</summary>
    Unset,

    /// <summary><c>merge</c>: fields set in the newer layer overwrite or extend the earlier definition.</summary>
    Merge,

    /// <summary><c>replace</c>: the newer definition discards the earlier one.</summary>
    Replace,
}
