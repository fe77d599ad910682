namespace Cairn.Pebble.Plan;

/// <summary>
/// A layer or a combined plan is invalid. <see cref="Exception.Message"/> uses upstream Pebble's wording;
/// <see cref="Line"/> and <see cref="Column"/> point into the layer file when known (0 otherwise).
/// </summary>
public sealed class PlanException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlanException(string message, int line = 0, int column = 0)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line in the layer file, or 0.</summary>
    public int Line { get; }

    /// <summary>1-based column in the layer file, or 0.</summary>
    public int Column { get; }
}
