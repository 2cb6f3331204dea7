using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using PatchReview.Data.Queries;

namespace PatchReview.Web.Api;

public static class MessagesApi
{
    public const string RawContentType = "message/rfc822";

    public static RouteGroupBuilder MapMessagesApi(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("/messages").WithTags("Messages");
        // The id is one percent-encoded segment; the catch-all also takes an id whose "/" a client left unencoded.
        messages.MapGet("/{**messageId}", GetMessageAsync).WithName("GetMessage")
            .WithSummary("One message: headers, threading, body text and kind.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        messages.MapGet("/{messageId}/raw", GetRawAsync).WithName("GetMessageRaw")
            .WithSummary("The message's original bytes as received.")
            .Produces<byte[]>(StatusCodes.Status200OK, RawContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        messages.MapGet("/{messageId}/quotes", GetQuotesAsync).WithName("GetMessageQuotes").WithTags("Discussions")
            .WithSummary("The message in blocks of new text, quotes, attribution lines and signature, each with the earlier message whose words it is.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    static async Task<Results<Ok<MessageDetail>, ProblemHttpResult, ValidationProblem>> GetMessageAsync(
        [Description(MessageIdPath.ParameterDescription)] string? messageId, HttpContext http, MessageQueries queries, CancellationToken ct)
    {
        if (MessageIdPath.Read(http, messageId) is not { } id)
        {
            return ApiProblems.MissingMessageId();
        }
        return await queries.GetMessageAsync(id, ct) is { } message ? TypedResults.Ok(message) : ApiProblems.UnknownMessage(id);
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> GetRawAsync(
        [Description(MessageIdPath.ParameterDescription)] string messageId, HttpContext http, MessageQueries queries, CancellationToken ct)
    {
        if (MessageIdPath.Read(http, messageId, suffixSegments: 1) is not { } id)
        {
            return ApiProblems.MissingMessageId();
        }
        return await queries.GetRawAsync(id, ct) is { } raw ? TypedResults.Bytes(raw, RawContentType) : ApiProblems.UnknownMessage(id);
    }

    static async Task<Results<Ok<MessageQuotes>, ProblemHttpResult, ValidationProblem>> GetQuotesAsync(
        [Description(MessageIdPath.ParameterDescription)] string messageId, HttpContext http, ReviewQueries queries, CancellationToken ct)
    {
        if (MessageIdPath.Read(http, messageId, suffixSegments: 1) is not { } id)
        {
            return ApiProblems.MissingMessageId();
        }
        return await queries.GetQuotesAsync(id, ct) is { } quotes ? TypedResults.Ok(quotes) : ApiProblems.UnknownMessage(id);
    }
}
