using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PatchReview.Data.Queries;

namespace PatchReview.Web.Api;

public static class PatchesApi
{
    public const string MboxContentType = "application/mbox";
    public const string DiffContentType = "text/x-diff";

    public static RouteGroupBuilder MapPatchesApi(this RouteGroupBuilder api)
    {
        var patches = api.MapGroup("/patches").WithTags("Patches");
        // As for messages: the id is one percent-encoded segment, and the catch-all also takes one whose "/" was left unencoded.
        patches.MapGet("/{**messageId}", GetPatchAsync).WithName("GetPatch")
            .WithSummary("One patch: author, commit message, notes, files and hunks with line numbers, trailers, and its neighbours.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        patches.MapGet("/{messageId}/interdiff", GetInterdiffAsync).WithName("GetPatchInterdiff")
            .WithSummary("How this patch differs from another version of it: a unified diff of the commit messages and of each file's part of the diffs.")
            .Produces<string>(StatusCodes.Status200OK, DiffContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        patches.MapGet("/{messageId}/mbox", GetMboxAsync).WithName("GetPatchMbox")
            .WithSummary("The patch as an mbox for git am, with the trailers reviewers gave and a Link: to the message.")
            .Produces<byte[]>(StatusCodes.Status200OK, MboxContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        patches.MapGet("/{messageId}/comments", GetCommentsAsync).WithName("GetPatchComments").WithTags("Discussions")
            .WithSummary("The review comments on the patch, each on the diff or commit message line it quotes, with what became of that line in later versions.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    static async Task<Results<Ok<PatchDetail>, ProblemHttpResult, ValidationProblem>> GetPatchAsync(
        [Description(MessageIdPath.ParameterDescription)] string? messageId, HttpContext http, PatchQueries queries, CancellationToken ct)
    {
        if (MessageIdPath.Read(http, messageId) is not { } id)
        {
            return ApiProblems.MissingMessageId();
        }
        return await queries.GetPatchAsync(id, ct) is { } patch ? TypedResults.Ok(patch) : UnknownPatch(id);
    }

    static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> GetInterdiffAsync(
        [Description(MessageIdPath.ParameterDescription)] string messageId,
        [Description("The Message-ID of the patch to compare with, usually the same patch in another version.")] string? against,
        HttpContext http, PatchQueries queries, CancellationToken ct)
    {
        if (MessageIdPath.Read(http, messageId, suffixSegments: 1) is not { } id)
        {
            return ApiProblems.MissingMessageId();
        }
        // Angle brackets are no part of a Message-ID, but people paste them from a References header.
        var other = against?.Trim().TrimStart('<').TrimEnd('>');
        if (string.IsNullOrEmpty(other))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["against"] = ["against is missing; give the Message-ID of the patch to compare with: ?against=<id>."],
            });
        }
        if (await queries.GetInterdiffAsync(id, other, ct) is { } interdiff)
        {
            return TypedResults.Text(interdiff.Text, DiffContentType, Encoding.UTF8);
        }
        return UnknownPatch(await queries.IsPatchAsync(id, ct) ? other : id);
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> GetMboxAsync(
        [Description(MessageIdPath.ParameterDescription)] string messageId, HttpContext http, PatchQueries queries, CancellationToken ct)
    {
        if (MessageIdPath.Read(http, messageId, suffixSegments: 1) is not { } id)
        {
            return ApiProblems.MissingMessageId();
        }
        return await queries.GetPatchMboxAsync(id, ct) is { } mbox ? TypedResults.File(mbox, MboxContentType, FileName(id)) : UnknownPatch(id);
    }

    static async Task<Results<Ok<IReadOnlyList<CommentRecord>>, ProblemHttpResult, ValidationProblem>> GetCommentsAsync(
        [Description(MessageIdPath.ParameterDescription)] string messageId, HttpContext http, ReviewQueries queries, CancellationToken ct)
    {
        if (MessageIdPath.Read(http, messageId, suffixSegments: 1) is not { } id)
        {
            return ApiProblems.MissingMessageId();
        }
        return await queries.GetCommentsAsync(id, ct) is { } comments ? TypedResults.Ok(comments) : UnknownPatch(id);
    }

    static ProblemHttpResult UnknownPatch(string messageId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Unknown patch",
        detail: $"No patch <{messageId}> is in the archive.");

    /// <summary>The id as the download's file name: any character but letters, digits and <c>.-_@</c> becomes <c>_</c>.</summary>
    static string FileName(string messageId)
    {
        var name = new StringBuilder(messageId.Length + 5);
        foreach (var c in messageId)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_');
        }
        return name.Append(".mbox").ToString();
    }
}
