using System.Text.RegularExpressions;

namespace Cairn.Build.Packing;

/// <summary>The <c>org.opencontainers.image.*</c> labels (config) and annotations (manifest) of a rock: the same set.</summary>
public static partial class ImageLabels
{
    /// <param name="created">The image's creation time (SOURCE_DATE_EPOCH, or the Unix epoch).</param>
    /// <param name="baseDigest">The base's digest as hex, or null for bare.</param>
    public static IReadOnlyDictionary<string, string> For(
        RockIdentity rock, DateTimeOffset created, string? baseDigest)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["org.opencontainers.image.version"] = rock.Version,
            ["org.opencontainers.image.title"] = rock.Title,
            ["org.opencontainers.image.created"] = FormatTime(created),
            ["org.opencontainers.image.description"] = Description(rock.Summary, rock.Description),
        };
        if (rock.License is not null) labels["org.opencontainers.image.licenses"] = rock.License;
        if (baseDigest is not null) labels["org.opencontainers.image.base.digest"] = baseDigest;
        return labels;
    }

    /// <summary>ISO 8601 in UTC with an explicit offset, as Rockcraft writes it (<c>1970-01-01T00:00:00+00:00</c>).</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The summary with runs of blank lines collapsed, a blank line, then the description.</summary>
    public static string Description(string summary, string description) =>
        BlankLines().Replace(summary.Trim(), "\n") + "\n\n" + description.Trim();

    [GeneratedRegex(@"\n{2,}")]
    private static partial Regex BlankLines();
}
