namespace Cairn.Diagnostics;

/// <summary>
/// One problem with a user's input. <see cref="Message"/> reads "cannot &lt;do what&gt;: &lt;why&gt;";
/// <see cref="Hint"/> says what to do about it; <see cref="Code"/> is stable (see docs/errors.md).
/// </summary>
public sealed record Diagnostic(string Code, string Message, SourceLocation? Location = null, string? Hint = null);
