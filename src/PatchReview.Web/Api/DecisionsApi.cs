using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using PatchReview.Data.Queries;
using PatchReview.Data.Accounts;
using PatchReview.Web.Caching;
using PatchReview.Web.Security;

namespace PatchReview.Web.Api;

public static class DecisionsApi
{
    public static RouteGroupBuilder MapDecisionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/series/{id:long}/decisions", ListSeriesDecisionsAsync).WithName("ListSeriesDecisions").WithTags("Decisions")
            .WithSummary("The design decisions found in a series' review, strongest first, each with its evidence chain; ?all=true adds those resting on a single weak signal.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/decisions", ListDecisionsAsync).WithName("ListDecisions").WithTags("Decisions")
            .WithSummary("Decisions across all series, filterable by series, status, person and identifier.");
        api.MapGet("/decisions/{id}", GetDecisionAsync).WithName("GetDecision").WithTags("Decisions")
            .WithSummary("One decision: its title, status, confidence and signals, and every step from the question to the implementing hunk.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/decisions/{id}/review", ReviewDecisionAsync).WithName("ReviewDecision").WithTags("Decisions")
            .WithSummary("A maintainer confirms or rejects a decision, and may give it a title; needs a bearer token from patchreview user token.")
            .RequireAuthorization(MaintainerAuthentication.TokenPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    static async Task<Results<Ok<IReadOnlyList<DecisionRecord>>, ProblemHttpResult>> ListSeriesDecisionsAsync(long id,
        [Description("true: also the decisions resting on a single weak signal, hidden by default.")] bool? all,
        SeriesReviewCache reviews, CancellationToken ct)
    {
        if (await reviews.GetDecisionsAsync(id, ct) is not { } decisions)
        {
            return ApiProblems.NotFound($"series {id}");
        }
        return TypedResults.Ok(all == true ? decisions : [.. decisions.Where(d => d.ShownByDefault)]);
    }

    static async Task<Results<Ok<IReadOnlyList<DecisionRecord>>, ValidationProblem>> ListDecisionsAsync(
        [Description("Only this series' decisions.")] long? series,
        [Description("proposed, agreed, implemented or dropped.")] string? status,
        [Description("Someone who took a step: part of a name or address.")] string? person,
        [Description("Part of an identifier the decision names, such as CONFIG_VFIO_PCI_ZDEV_KVM.")] string? identifier,
        [Description("true: also the decisions resting on a single weak signal.")] bool? all,
        SeriesReviewCache reviews, CancellationToken ct)
    {
        if (status is not null && !DecisionFilter.Statuses.Contains(status))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status is proposed, agreed, implemented or dropped."] });
        }
        return TypedResults.Ok(await reviews.ListAsync(DecisionFilter.From(series, status, person, identifier, all == true), ct));
    }

    static async Task<Results<Ok<DecisionRecord>, ProblemHttpResult>> GetDecisionAsync(string id, SeriesReviewCache reviews, CancellationToken ct)
        => await reviews.GetDecisionAsync(id, ct) is { } decision ? TypedResults.Ok(decision) : ApiProblems.NotFound($"decision {id}");

    static async Task<Results<Ok<DecisionRecord>, ProblemHttpResult, ValidationProblem>> ReviewDecisionAsync(string id, DecisionReviewRequest request,
        HttpContext http, ReviewQueries decisions, MaintainerAccounts accounts, ArchiveVersion archive, CancellationToken ct)
    {
        if (request.Verdict is not ("confirm" or "reject"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["verdict"] = ["verdict is \"confirm\" or \"reject\"."] });
        }
        if (await decisions.GetDecisionAsync(id, ct) is null)
        {
            return ApiProblems.NotFound($"decision {id}");
        }
        await accounts.ReviewDecisionAsync(id, http.User.Maintainer()!, request.Verdict == "confirm", request.Title, ct);
        archive.Invalidate();
        return TypedResults.Ok((await decisions.GetDecisionAsync(id, ct))!);
    }
}

/// <summary>The body of <c>POST /api/v1/decisions/{id}/review</c>.</summary>
public sealed record DecisionReviewRequest(string? Verdict, string? Title);
