using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace PatchReview.Web;

/// <summary>
/// Message-IDs in URLs: written percent-encoded, one path segment, read back exactly.
/// Real ids hold <c>/</c>, <c>+</c>, <c>%</c>, <c>$</c>, <c>=</c> and <c>&amp;</c>, e.g. <c>CAHk-=wh+Rk$x/Q@mail.gmail.com</c>.
/// </summary>
public static class MessageIdPath
{
    public const string ParameterDescription = "The Message-ID without angle brackets, percent-encoded as one path segment: <a/b+c@x> is a%2Fb%2Bc@x.";

    /// <summary>Percent-encodes all but unreserved characters and <c>@</c>, which a path may hold as is (RFC 3986 3.3) and which keeps links readable.</summary>
    public static string Encode(string messageId) => Uri.EscapeDataString(messageId).Replace("%40", "@", StringComparison.Ordinal);

    public static string Message(string messageId) => "/m/" + Encode(messageId);

    public static string Thread(string messageId) => "/t/" + Encode(messageId);

    /// <summary>The patch page: the mail read as a patch, with its series, trailers, diff and interdiffs.</summary>
    public static string Patch(string messageId) => "/p/" + Encode(messageId);

    public static string Raw(string messageId) => "/api/v1/messages/" + Encode(messageId) + "/raw";

    /// <summary>The message's place on its thread page.</summary>
    public static string InThread(string messageId) => Thread(messageId) + "#" + Anchor(messageId);

    /// <summary>An HTML id for the message on a thread page: stable, and free of characters a fragment would need escaped.</summary>
    public static string Anchor(string messageId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(messageId), hash);
        return "m-" + Convert.ToHexStringLower(hash[..6]);
    }

    /// <summary>
    /// The Message-ID that the route parameter <paramref name="routeValue"/> was matched from, decoded from the request's raw target.
    /// Kestrel decodes the path but leaves <c>%2F</c> encoded, so <c>a%252Fb</c> (an id holding a literal "%2F") and
    /// <c>a%2Fb</c> (an id holding "/") reach routing as the same text. The raw target keeps them apart, and decoding
    /// never creates or removes a <c>/</c>, so the parameter is the same run of segments in both.
    /// </summary>
    /// <param name="suffixSegments">Path segments after the parameter, as in <c>{messageId}/raw</c>.</param>
    /// <returns>The id, or null when the parameter is empty.</returns>
    public static string? Read(HttpContext http, string? routeValue, int suffixSegments = 0)
    {
        if (string.IsNullOrEmpty(routeValue))
        {
            return null;
        }
        var decodedPath = http.Request.PathBase.Value + http.Request.Path.Value;
        var rawPath = RawPath(http);
        var valueSegments = routeValue.Count('/') + 1;
        string[] segments;
        if (rawPath is not null && (segments = rawPath.Split('/')).Length == decodedPath.Count('/') + 1
            && segments.Length >= valueSegments + suffixSegments)
        {
            var start = segments.Length - suffixSegments - valueSegments;
            return TrimTrailingSlash(string.Join('/', segments[start..(start + valueSegments)].Select(Uri.UnescapeDataString)));
        }
        // No raw target (an in-memory test server) or dot segments were removed: the best reading of the route value.
        return TrimTrailingSlash(routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase));
    }

    static string? RawPath(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            return null;
        }
        var query = target.IndexOfAny(['?', '#']);
        return query < 0 ? target : target[..query];
    }

    // Lore links end in a slash (https://lore.kernel.org/r/<id>/); a Message-ID never does.
    static string? TrimTrailingSlash(string id)
    {
        var trimmed = id.TrimEnd('/');
        return trimmed.Length == 0 ? null : trimmed;
    }
}
