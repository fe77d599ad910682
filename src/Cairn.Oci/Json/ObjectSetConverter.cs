using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.Oci.Json;

/// <summary>
/// The spec's set encoding (<c>ExposedPorts</c>, <c>Volumes</c>): an object whose keys are the members and whose
/// values are empty objects. Written sorted (ordinal) and without duplicates.
/// </summary>
public sealed class ObjectSetConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("expected an object whose keys are the set's members");
        var members = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            members.Add(reader.GetString()!);
            reader.Read();
            reader.Skip();
        }

        return members;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var member in value.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            writer.WritePropertyName(member);
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
