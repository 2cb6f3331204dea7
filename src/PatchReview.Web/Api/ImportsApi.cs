using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using PatchReview.Data.Queries;

namespace PatchReview.Web.Api;

public static class ImportsApi
{
    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");
        imports.MapGet("", ListImportsAsync).WithName("ListImports")
            .WithSummary("Import runs, newest first, with their counts: read = stored + duplicates + variants + rejected.");
        imports.MapGet("/{id:long}", GetImportAsync).WithName("GetImport")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var rejected = api.MapGroup("/rejected").WithTags("Imports");
        rejected.MapGet("", ListRejectedAsync).WithName("ListRejected")
            .WithSummary("Mail the importer set aside, newest first, with where it was and why.");
        rejected.MapGet("/{id:long}/raw", GetRejectedRawAsync).WithName("GetRejectedRaw")
            .WithSummary("The rejected mail's bytes exactly as read.")
            .Produces<byte[]>(StatusCodes.Status200OK, MessagesApi.RawContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    static async Task<Results<Ok<IReadOnlyList<ImportRecord>>, ValidationProblem>> ListImportsAsync(
        [Description(ListPaging.PageDescription)] int? page, [Description(ListPaging.PageSizeDescription)] int? pageSize,
        HttpContext http, ImportQueries queries, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var request = ListPaging.Read(page, pageSize, errors);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : ListPaging.Write(http, await queries.ListImportsAsync(request, ct));
    }

    static async Task<Results<Ok<ImportRecord>, ProblemHttpResult>> GetImportAsync(long id, ImportQueries queries, CancellationToken ct)
        => await queries.GetImportAsync(id, ct) is { } import ? TypedResults.Ok(import) : ApiProblems.NotFound($"import {id}");

    static async Task<Results<Ok<IReadOnlyList<RejectedRecord>>, ValidationProblem>> ListRejectedAsync(
        [Description("Only the mail rejected by this import.")] long? importId,
        [Description(ListPaging.PageDescription)] int? page, [Description(ListPaging.PageSizeDescription)] int? pageSize,
        HttpContext http, ImportQueries queries, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var request = ListPaging.Read(page, pageSize, errors);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : ListPaging.Write(http, await queries.ListRejectedAsync(importId, request, ct));
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetRejectedRawAsync(long id, ImportQueries queries, CancellationToken ct)
        => await queries.GetRejectedRawAsync(id, ct) is { } raw
            ? TypedResults.Bytes(raw, MessagesApi.RawContentType)
            : ApiProblems.NotFound($"rejected message {id}");
}
