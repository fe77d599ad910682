using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.Oci.Json;

/// <summary>Reads and writes a <see cref="Digest"/> as its <c>sha256:&lt;hex&gt;</c> string.</summary>
public sealed class DigestJsonConverter : JsonConverter<Digest>
{
    /// <inheritdoc />
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return Digest.TryParse(text, out var digest) ? digest : throw new JsonException($"'{text}' is not a sha256 digest");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
