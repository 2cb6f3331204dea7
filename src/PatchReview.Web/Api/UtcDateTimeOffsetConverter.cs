using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace PatchReview.Web.Api;

/// <summary>
/// Writes times as ISO 8601 UTC with <c>Z</c> (<c>2022-04-27T15:26:40Z</c>), as the API promises;
/// System.Text.Json on its own writes a zero offset as <c>+00:00</c>.
/// </summary>
public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>The API's JSON: camelCase (the web default), UTC times, and numbers as numbers (the web default also reads "3" as 3).</summary>
    public static void Configure(JsonOptions json)
    {
        json.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter());
        json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    }

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.UtcDateTime);
}
