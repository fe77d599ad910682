namespace Cairn.Diagnostics;

/// <summary>
/// An expected failure that the CLI reports as <c>error: cannot ...</c> plus hints, never as a stack trace.
/// It carries one or more diagnostics (a project file can have many problems, all reported at once).
/// </summary>
public class CairnException : Exception
{
    public CairnException(FailureKind kind, IReadOnlyList<Diagnostic> diagnostics, Exception? inner = null)
        : base(diagnostics.Count > 0 ? diagnostics[0].Message : "cannot continue", inner)
    {
        Kind = kind;
        Diagnostics = diagnostics;
    }

    public CairnException(FailureKind kind, string code, string message, string? hint = null, SourceLocation? location = null, Exception? inner = null)
        : this(kind, [new Diagnostic(code, message, location, hint)], inner)
    {
    }

    public FailureKind Kind { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>A user-input failure.</summary>
    public static CairnException User(string code, string message, string? hint = null, SourceLocation? location = null) =>
        new(FailureKind.User, code, message, hint, location);

    /// <summary>A machine or external-tool failure.</summary>
    public static CairnException Environment(string code, string message, string? hint = null, Exception? inner = null) =>
        new(FailureKind.Environment, code, message, hint, null, inner);
}
