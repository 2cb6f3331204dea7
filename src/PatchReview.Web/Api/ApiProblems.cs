using Microsoft.AspNetCore.Http.HttpResults;

namespace PatchReview.Web.Api;

/// <summary>The API's error answers, each saying which id or parameter was wrong.</summary>
static class ApiProblems
{
    public static ProblemHttpResult UnknownMessage(string messageId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Unknown Message-ID",
        detail: $"No message <{messageId}> is in the archive.");

    public static ProblemHttpResult NotFound(string what) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {what}.");

    public static ValidationProblem MissingMessageId() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["messageId"] = ["messageId is empty; put the percent-encoded Message-ID, without angle brackets, in the path."] });
}

/// <summary>Error handling for the whole host: every failure is a ProblemDetails with a trace id, bad input is a 4xx.</summary>
static class ProblemHandling
{
    public static IServiceCollection AddPatchReviewProblems(this IServiceCollection services)
    {
        // A parameter that does not bind (?page=abc) throws in every environment, not only in Development,
        // so that the exception handler answers 400 with the framework's sentence naming the parameter.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Detail = bad.Message;
            }
        });
    }

    public static IApplicationBuilder UsePatchReviewProblems(this IApplicationBuilder app) => app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
    });
}
