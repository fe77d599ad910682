using System.Globalization;

namespace Cairn.Oci.Layers;

/// <summary>
/// Reads <c>SOURCE_DATE_EPOCH</c> (https://reproducible-builds.org/specs/source-date-epoch/). The caller passes
/// the variable's value in, so the library never reads the environment itself.
/// </summary>
public static class SourceDateEpoch
{
    /// <summary>The environment variable's name.</summary>
    public const string Variable = "SOURCE_DATE_EPOCH";

    /// <summary>The time <paramref name="value"/> names, or the Unix epoch when it is unset or empty (as when not set: see docs/decisions.md); CAIRN5004 when malformed.</summary>
    public static DateTimeOffset Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return DateTimeOffset.UnixEpoch;
        if (!long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            throw OciErrors.InvalidSourceDateEpoch(value);
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
