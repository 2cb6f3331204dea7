namespace PatchReview.Data.Queries;

/// <summary>A page of a list: <c>?page=1&amp;pageSize=50</c>, pageSize at most 500.</summary>
public sealed record PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 500;
    public const int DefaultPageSize = 50;

    public int Skip => (Page - 1) * PageSize;
}

/// <summary>One page of results and the total number of results.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, PageRequest Request)
{
    public bool HasNext => Request.Page * Request.PageSize < Total;
    public bool HasPrevious => Request.Page > 1;
}
