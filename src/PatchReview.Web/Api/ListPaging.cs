using Microsoft.AspNetCore.Http.HttpResults;
using PatchReview.Data.Queries;

namespace PatchReview.Web.Api;

/// <summary>
/// <c>?page=1&amp;pageSize=50</c> in, a JSON array out with <c>X-Total-Count</c> and an RFC 8288 <c>Link</c> header
/// whose URLs keep every other query parameter.
/// </summary>
static class ListPaging
{
    public const string PageDescription = "The page, from 1.";
    public const string PageSizeDescription = "Items per page, 1 to 500; 50 when not given.";

    /// <summary>Checks page and pageSize; a bad value is added to <paramref name="errors"/> under the parameter's name.</summary>
    public static PageRequest Read(int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        if (page is < 1)
        {
            errors["page"] = [$"page must be 1 or more; it is {page}."];
        }
        if (pageSize is < 1 or > PageRequest.MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {PageRequest.MaxPageSize}; it is {pageSize}."];
        }
        return new PageRequest(Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? PageRequest.DefaultPageSize, 1, PageRequest.MaxPageSize));
    }

    public static Ok<IReadOnlyList<T>> Write<T>(HttpContext http, Page<T> page)
    {
        var headers = http.Response.Headers;
        headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var links = new List<string>(4);
        var lastPage = Math.Max(1, (page.Total + page.Request.PageSize - 1) / page.Request.PageSize);
        if (page.HasNext)
        {
            links.Add($"<{Url(http.Request, page.Request.Page + 1, page.Request.PageSize)}>; rel=\"next\"");
        }
        if (page.HasPrevious)
        {
            links.Add($"<{Url(http.Request, Math.Min(page.Request.Page - 1, lastPage), page.Request.PageSize)}>; rel=\"prev\"");
        }
        links.Add($"<{Url(http.Request, 1, page.Request.PageSize)}>; rel=\"first\"");
        links.Add($"<{Url(http.Request, lastPage, page.Request.PageSize)}>; rel=\"last\"");
        headers.Link = string.Join(", ", links);
        return TypedResults.Ok(page.Items);
    }

    /// <summary>The same request, root-relative, on another page.</summary>
    static string Url(HttpRequest request, int page, int pageSize)
    {
        var query = request.Query
            .Where(p => !p.Key.Equals("page", StringComparison.OrdinalIgnoreCase) && !p.Key.Equals("pageSize", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .Append(KeyValuePair.Create("page", (string?)page.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(KeyValuePair.Create("pageSize", (string?)pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + QueryString.Create(query).ToUriComponent();
    }
}
