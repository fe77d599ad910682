namespace Cairn.Bases;

/// <summary>The error codes of the bases table (docs/errors.md).</summary>
public static class BaseErrorCodes
{
    /// <summary>A base name cairn does not know.</summary>
    public const string UnknownBase = "CAIRN4003";
}
