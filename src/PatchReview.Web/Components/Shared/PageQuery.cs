using System.Globalization;
using PatchReview.Data.Queries;
using PatchReview.Web.Api;

namespace PatchReview.Web.Components.Shared;

/// <summary>Paging for pages: the same rules as the API's <c>?page=&amp;pageSize=</c>, read from text so that a bad value is a message.</summary>
public static class PageQuery
{
    public static PageRequest Read(string? page, string? pageSize, Dictionary<string, string[]> errors)
        => ListPaging.Read(Number("page", page, errors), Number("pageSize", pageSize, errors), errors);

    /// <summary>A root-relative link to <paramref name="path"/> with the parameters that have a value.</summary>
    public static string Href(string path, params ReadOnlySpan<(string Name, string? Value)> query)
    {
        var pairs = new List<KeyValuePair<string, string?>>(query.Length);
        foreach (var (name, value) in query)
        {
            if (!string.IsNullOrEmpty(value))
            {
                pairs.Add(KeyValuePair.Create(name, (string?)value));
            }
        }
        return path + QueryString.Create(pairs).ToUriComponent();
    }

    /// <summary>A page number for a link; page 1 is the page without the parameter.</summary>
    public static string? PageValue(int page) => page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>A page size for a link; the default size is left out.</summary>
    public static string? SizeValue(int pageSize) => pageSize != PageRequest.DefaultPageSize ? pageSize.ToString(CultureInfo.InvariantCulture) : null;

    static int? Number(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        errors[name] = [$"{name} is \"{text}\"; it must be a whole number."];
        return null;
    }
}
