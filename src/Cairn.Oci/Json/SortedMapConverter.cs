using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.Oci.Json;

/// <summary>
/// Writes a string map with its keys in ordinal order, so the same map gives the same bytes whatever order
/// it was filled in (dictionaries do not promise an order). Reads into an ordinal dictionary.
/// </summary>
public sealed class SortedMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("expected an object of strings");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            map[key] = reader.GetString() ?? throw new JsonException($"'{key}' must be a string");
        }

        return map;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var key in value.Keys.Order(StringComparer.Ordinal))
            writer.WriteString(key, value[key]);
        writer.WriteEndObject();
    }

    /// <summary>True when both maps are null, or hold the same keys with the same values.</summary>
    public static bool AreEqual(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        ReferenceEquals(a, b)
        || (a is not null && b is not null && a.Count == b.Count
            && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value));
}
