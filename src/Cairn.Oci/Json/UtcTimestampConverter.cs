using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.Oci.Json;

/// <summary>
/// RFC 3339 in UTC with whole seconds (<c>1970-01-01T00:00:00Z</c>): the same instant always gives the same
/// text, whatever offset the value was made with. Sub-second parts are dropped because
/// <c>SOURCE_DATE_EPOCH</c> has none.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>The text written for <paramref name="value"/>.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));
}
