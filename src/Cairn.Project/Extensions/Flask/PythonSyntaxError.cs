namespace Cairn.Project.Extensions.Flask;

/// <summary>A Python file that does not tokenize: the message (worded like CPython's) and its 1-based position.</summary>
public sealed record PythonSyntaxError(string Message, int Line, int Column);
