namespace PatchReview.Web;

/// <summary>
/// Lore-style permalinks, so a link copied from lore.kernel.org works with only the host changed:
/// <c>/r/&lt;id&gt;/</c> is the message, <c>/r/&lt;id&gt;/T/</c> (or <c>/t/</c>) its thread, <c>/r/&lt;id&gt;/raw</c> its bytes.
/// </summary>
public static class Permalinks
{
    public static IEndpointRouteBuilder MapPermalinks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/r/{**messageId}", Redirect).WithName("Permalink").ExcludeFromDescription();
        return app;
    }

    static IResult Redirect(string? messageId, HttpContext http)
    {
        var segments = (messageId ?? "").Split('/');
        var end = segments.Length;
        if (end > 1 && segments[end - 1].Length == 0)
        {
            end--;
        }
        Func<string, string> target = MessageIdPath.Message;
        if (end > 1 && segments[end - 1] is "T" or "t" or "raw")
        {
            target = segments[end - 1] == "raw" ? MessageIdPath.Raw : MessageIdPath.Thread;
            end--;
        }
        var id = MessageIdPath.Read(http, string.Join('/', segments[..end]), suffixSegments: segments.Length - end);
        return id is null ? TypedResults.NotFound() : TypedResults.Redirect(target(id));
    }
}
