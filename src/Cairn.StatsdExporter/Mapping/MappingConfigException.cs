namespace Cairn.StatsdExporter.Mapping;

/// <summary>
/// A mapping config that cannot be used. <see cref="Exception.Message"/> is the reason (without the file);
/// <see cref="Line"/> and <see cref="Column"/> point into the file (1-based, 0 when unknown).
/// </summary>
public sealed class MappingConfigException : Exception
{
    /// <summary>Creates the error.</summary>
    public MappingConfigException(string reason, int line = 0, int column = 0, string? hint = null, Exception? inner = null)
        : base(reason, inner)
    {
        Line = line;
        Column = column;
        Hint = hint;
    }

    /// <summary>1-based line, or 0.</summary>
    public int Line { get; }

    /// <summary>1-based column, or 0.</summary>
    public int Column { get; }

    /// <summary>What to do about it, when there is something useful to say.</summary>
    public string? Hint { get; }

    /// <summary><c>cannot load mapping config FILE:LINE:COLUMN: reason</c>.</summary>
    public string Describe(string file)
    {
        var where = Line <= 0 ? file : Column <= 0 ? $"{file}:{Line}" : $"{file}:{Line}:{Column}";
        return $"cannot load mapping config {where}: {Message}";
    }
}
