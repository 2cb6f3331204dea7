using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PatchReview.Web.Api;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>: what api-v1.md promises, in a form that clients generate code from.</summary>
static class ApiDocument
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "PatchReview API",
                Version = "v1",
                Description = "Patch series, threads and imports of a mailing-list archive. Message-IDs go in paths percent-encoded and "
                    + "without angle brackets; times are UTC (2022-04-27T15:26:40Z); lists are paged with page and pageSize (at most 500) "
                    + "and answer X-Total-Count and an RFC 8288 Link header.",
            };
            return Task.CompletedTask;
        });
        // UtcDateTimeOffsetConverter hides the type from the schema generator, which then writes only the format.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
            {
                var nullable = type == typeof(DateTimeOffset?) || context.JsonPropertyInfo is { IsGetNullable: true };
                schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                schema.Format = "date-time";
            }
            return Task.CompletedTask;
        });
    }
}
