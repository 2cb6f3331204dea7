using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using PatchReview.Data.Queries;
using PatchReview.Web.Caching;

namespace PatchReview.Web.Api;

public static class SeriesApi
{
    public static RouteGroupBuilder MapSeriesApi(this RouteGroupBuilder api)
    {
        var series = api.MapGroup("/series").WithTags("Series");
        series.MapGet("", ListSeriesAsync).WithName("ListSeries")
            .WithSummary("Series, newest activity first, with their latest version and state.");
        series.MapGet("/{id:long}", GetSeriesAsync).WithName("GetSeries")
            .WithSummary("A series: every version, how each links to the one before, and the pull requests that applied it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        series.MapGet("/{id:long}/versions/{version:int}", GetVersionAsync).WithName("GetSeriesVersion")
            .WithSummary("One version: its changelog and its patches with their trailers and their counterpart in the version before.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        series.MapGet("/{id:long}/versions/{version:int}/mbox", GetVersionMboxAsync).WithName("GetSeriesVersionMbox")
            .WithSummary("The version's patches as an mbox for git am, with the trailers reviewers gave and a Link: to each message.")
            .Produces<byte[]>(StatusCodes.Status200OK, PatchesApi.MboxContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        series.MapGet("/{id:long}/matrix", GetMatrixAsync).WithName("GetSeriesMatrix")
            .WithSummary("One row per logical patch across versions, with its index, Message-ID and change in each version.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        series.MapGet("/{id:long}/questions", GetQuestionsAsync).WithName("GetSeriesQuestions").WithTags("Discussions")
            .WithSummary("Reviewers' questions on every version, with the reply or changelog that answered each; ?open=true gives the unanswered ones.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        series.MapGet("/{id:long}/review", GetReviewAsync).WithName("GetSeriesReview").WithTags("Discussions")
            .WithSummary("Questions asked and still open per version, and per reviewer how many comments the next version addressed.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    static async Task<Results<Ok<IReadOnlyList<SeriesSummary>>, ValidationProblem>> ListSeriesAsync(
        [Description("Words of the title, such as zpci.")] string? q,
        [Description("Part of the submitter's name or address.")] string? submitter,
        [Description("new, under-review, changes-requested, reviewed, superseded or applied.")] string? state,
        [Description(ListPaging.PageDescription)] int? page,
        [Description(ListPaging.PageSizeDescription)] int? pageSize,
        HttpContext http, SeriesQueries queries, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = ReadFilter(q, submitter, state, errors);
        var request = ListPaging.Read(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return ListPaging.Write(http, await queries.ListSeriesAsync(filter, request, ct));
    }

    /// <summary>The series list filter, shared with the series list page; an unknown state lands in <paramref name="errors"/>.</summary>
    public static SeriesFilter ReadFilter(string? q, string? submitter, string? state, Dictionary<string, string[]> errors)
    {
        var stateName = string.IsNullOrWhiteSpace(state) ? null : state.Trim();
        if (stateName is not null && !SeriesQueries.States.Contains(stateName))
        {
            errors["state"] = [$"state is \"{state}\"; it must be one of {string.Join(", ", SeriesQueries.States.Order(StringComparer.Ordinal))}."];
        }
        return new SeriesFilter(string.IsNullOrWhiteSpace(q) ? null : q.Trim(), string.IsNullOrWhiteSpace(submitter) ? null : submitter.Trim(), stateName);
    }

    static async Task<Results<Ok<SeriesDetail>, ProblemHttpResult>> GetSeriesAsync(long id, SeriesQueries queries, CancellationToken ct)
        => await queries.GetSeriesAsync(id, ct) is { } series ? TypedResults.Ok(series) : ApiProblems.NotFound($"series {id}");

    static async Task<Results<Ok<SeriesVersionDetail>, ProblemHttpResult>> GetVersionAsync(long id, int version, SeriesQueries queries,
        CancellationToken ct)
        => await queries.GetVersionAsync(id, version, ct) is { } found ? TypedResults.Ok(found) : ApiProblems.NotFound($"version {version} of series {id}");

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetVersionMboxAsync(long id, int version, PatchQueries queries,
        CancellationToken ct)
        => await queries.GetVersionMboxAsync(id, version, ct) is { } mbox
            ? TypedResults.File(mbox, PatchesApi.MboxContentType, $"series-{id}-v{version}.mbox")
            : ApiProblems.NotFound($"version {version} of series {id}");

    static async Task<Results<Ok<SeriesMatrix>, ProblemHttpResult>> GetMatrixAsync(long id, SeriesQueries queries, CancellationToken ct)
        => await queries.GetMatrixAsync(id, ct) is { } matrix ? TypedResults.Ok(matrix) : ApiProblems.NotFound($"series {id}");

    static async Task<Results<Ok<IReadOnlyList<QuestionRecord>>, ProblemHttpResult>> GetQuestionsAsync(long id,
        [Description("true: only the questions nobody has answered yet; false: only the answered ones.")] bool? open,
        SeriesReviewCache reviews, CancellationToken ct)
    {
        if (await reviews.GetAsync(id, ct) is not { } review)
        {
            return ApiProblems.NotFound($"series {id}");
        }
        IReadOnlyList<QuestionRecord> questions = open is { } wanted ? [.. review.QuestionList.Where(q => (q.AnsweredBy is null) == wanted)] : review.QuestionList;
        return TypedResults.Ok(questions);
    }

    static async Task<Results<Ok<SeriesReviewSummary>, ProblemHttpResult>> GetReviewAsync(long id, SeriesReviewCache reviews, CancellationToken ct)
        => await reviews.GetAsync(id, ct) is { } review
            ? TypedResults.Ok(new SeriesReviewSummary(review.Questions, review.Reviewers))
            : ApiProblems.NotFound($"series {id}");
}

/// <summary>A series' review in figures: questions asked and open per version, and each reviewer's comments.</summary>
public sealed record SeriesReviewSummary(IReadOnlyList<VersionQuestionCount> Questions, IReadOnlyList<ReviewerRecord> Reviewers);
