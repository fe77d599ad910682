using YamlDotNet.RepresentationModel;

namespace Cairn.Build.Packing;

/// <summary><c>/.rock/metadata.yaml</c>: the rock's identity, keys sorted as Rockcraft writes them.</summary>
public static class RockMetadata
{
    public const string Path = ".rock/metadata.yaml";

    public static string Render(RockIdentity rock, DateTimeOffset created, string? baseDigest)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["architecture"] = rock.Architecture,
            ["base"] = rock.Base,
            ["created"] = ImageLabels.FormatTime(created),
            ["name"] = rock.Name,
            ["summary"] = rock.Summary,
            ["title"] = rock.Title,
            ["version"] = rock.Version,
        };
        if (baseDigest is not null) entries["base-digest"] = baseDigest;

        var mapping = new YamlMappingNode();
        foreach (var (key, value) in entries) mapping.Add(key, new YamlScalarNode(value));
        using var writer = new StringWriter { NewLine = "\n" };
        new YamlStream(new YamlDocument(mapping)).Save(writer, assignAnchors: false);
        // YamlStream ends a document with "...": a plain mapping file does not need it.
        return writer.ToString().Replace("...\n", "", StringComparison.Ordinal);
    }
}
