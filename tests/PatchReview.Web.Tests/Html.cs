using System.Net;
using System.Text.RegularExpressions;

namespace PatchReview.Web.Tests;

/// <summary>Reads the pages' own markup: mail text in it is always escaped, so a tag in the HTML is one the page wrote.</summary>
public static partial class Html
{
    /// <summary>The page's HTML without the scoped-CSS attributes (<c>b-xj6laklipo</c>) that Blazor adds to every element.</summary>
    public static async Task<string> GetPageAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        return await ReadPageAsync(response);
    }

    public static async Task<string> ReadPageAsync(HttpResponseMessage response)
        => ScopeAttribute().Replace(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "");

    /// <summary>The whole element whose start tag carries <paramref name="attribute"/>, through its matching end tag.</summary>
    public static string Element(string html, string tag, string attribute)
    {
        var marker = html.IndexOf(attribute, StringComparison.Ordinal);
        Assert.True(marker >= 0, $"No element with {attribute} in the page.");
        // The start tag is the last one that begins at or before the attribute.
        var start = html.LastIndexOf("<" + tag, Math.Min(html.Length - 1, marker + tag.Length), StringComparison.Ordinal);
        var depth = 0;
        for (var at = start; at < html.Length;)
        {
            var open = html.IndexOf("<" + tag, at + 1, StringComparison.Ordinal);
            var close = html.IndexOf("</" + tag + ">", at + 1, StringComparison.Ordinal);
            if (open >= 0 && open < close)
            {
                depth++;
                at = open;
                continue;
            }
            if (depth == 0)
            {
                return html[start..(close + tag.Length + 3)];
            }
            depth--;
            at = close;
        }
        throw new InvalidOperationException($"The <{tag}> with {attribute} is not closed.");
    }

    /// <summary>The page as a reader sees its text: tags dropped, entities decoded, each run of white space one space.</summary>
    public static string Text(string html) => Space().Replace(WebUtility.HtmlDecode(Tag().Replace(html, "")), " ");

    /// <summary>The markup with character references decoded (Blazor writes a line break as <c>&amp;#xA;</c>, a tab as <c>&amp;#x9;</c>).</summary>
    public static string Decode(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(" b-[a-z0-9]{10}(?=[ >])")]
    private static partial Regex ScopeAttribute();
}
