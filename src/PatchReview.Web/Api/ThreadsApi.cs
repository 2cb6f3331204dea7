using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PatchReview.Data.Queries;

namespace PatchReview.Web.Api;

public static class ThreadsApi
{
    public static RouteGroupBuilder MapThreadsApi(this RouteGroupBuilder api)
    {
        var threads = api.MapGroup("/threads").WithTags("Threads");
        threads.MapGet("", ListThreadsAsync).WithName("ListThreads")
            .WithSummary("Thread summaries, newest activity first; since and until bound the last activity (until exclusive).");
        threads.MapGet("/{**messageId}", GetThreadAsync).WithName("GetThread")
            .WithSummary("The whole thread that holds the message: depth-first, siblings by date, ghosts for parents never received.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    static async Task<Results<Ok<IReadOnlyList<ThreadSummary>>, ValidationProblem>> ListThreadsAsync(
        [Description("A List-Id, such as linux-s390.vger.kernel.org.")] string? list,
        [Description("Threads last active at or after this time: 2022-04-27 or 2022-04-27T15:26:40Z; UTC when no offset is given.")] string? since,
        [Description("Threads last active before this time, in the same form as since.")] string? until,
        [Description(ListPaging.PageDescription)] int? page,
        [Description(ListPaging.PageSizeDescription)] int? pageSize,
        HttpContext http, ThreadQueries queries, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = ReadFilter(list, since, until, errors);
        var request = ListPaging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return ListPaging.Write(http, await queries.ListThreadsAsync(filter, request, ct));
    }

    static async Task<Results<Ok<ThreadDetail>, ProblemHttpResult, ValidationProblem>> GetThreadAsync(
        [Description(MessageIdPath.ParameterDescription)] string? messageId, HttpContext http, ThreadQueries queries, CancellationToken ct)
    {
        if (MessageIdPath.Read(http, messageId) is not { } id)
        {
            return ApiProblems.MissingMessageId();
        }
        return await queries.GetThreadAsync(id, ct) is { } thread ? TypedResults.Ok(thread) : ApiProblems.UnknownMessage(id);
    }

    /// <summary>The thread list filter, shared with the thread list page; bad values land in <paramref name="errors"/>.</summary>
    public static ThreadFilter ReadFilter(string? list, string? since, string? until, Dictionary<string, string[]> errors)
    {
        var sinceTime = ReadTime("since", since, errors);
        var untilTime = ReadTime("until", until, errors);
        if (sinceTime > untilTime)
        {
            errors["until"] = [$"until ({until}) is before since ({since})."];
        }
        return new ThreadFilter(string.IsNullOrWhiteSpace(list) ? null : list.Trim(), sinceTime, untilTime);
    }

    /// <summary>ISO 8601, a date (<c>2022-04-27</c>, midnight UTC) or a time; without an offset it is UTC.</summary>
    static DateTimeOffset? ReadTime(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }
        errors[name] = [$"{name} is \"{text}\", which is not an ISO 8601 date or time such as 2022-04-27 or 2022-04-27T15:26:40Z."];
        return null;
    }
}
