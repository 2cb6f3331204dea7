using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using PatchReview.Data;
using PatchReview.Web;
using PatchReview.Web.Api;
using PatchReview.Web.Caching;
using PatchReview.Web.Components;
using PatchReview.Web.Health;
using PatchReview.Web.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.Services.AddPatchReviewData(builder.Configuration);
}
catch (DatabaseConfigurationException ex)
{
    return StartupFailure.Report(ex.Message);
}
builder.Services.AddPatchReviewProblems();
builder.Services.ConfigureHttpJsonOptions(UtcDateTimeOffsetConverter.Configure);
builder.Services.AddOpenApi(ApiDocument.Configure);
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddRazorComponents();
// Names and text in any script stay literal in the HTML rather than becoming &#x...; escapes.
builder.Services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddArchiveCache();
try
{
    builder.Services.AddMaintainerAuthentication(builder.Configuration);
}
catch (FormatException ex)
{
    return StartupFailure.Report(ex.Message);
}

var app = builder.Build();
try
{
    // Migrates SQLite, refuses a PostgreSQL schema with pending migrations: nothing is served from a stale schema.
    await app.Services.GetRequiredService<DatabaseMigrator>().EnsureReadyAsync(app.Lifetime.ApplicationStopping);
}
catch (Exception ex) when (ex is DatabaseConfigurationException or DbException)
{
    return StartupFailure.Report(ex is DatabaseConfigurationException ? ex.Message
        : $"The database named by {DatabaseSettings.ConnectionStringKey} cannot be reached: {ex.Message}");
}

app.UsePatchReviewProblems();
// An error status without a body: API clients get problem+json (inner), people get the not-found page (outer).
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
// Authentication first: the cache neither serves nor stores a signed-in maintainer's pages.
app.UseAuthentication();
app.UseAuthorization();
app.UseArchiveCache();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapSignOut();

var api = app.MapGroup("/api/v1").CacheOutput(ArchiveCache.PolicyName);
api.MapMessagesApi();
api.MapThreadsApi();
api.MapImportsApi();
api.MapSeriesApi();
api.MapPatchesApi();
api.MapDecisionsApi();

app.MapPermalinks();
app.MapRazorComponents<App>().CacheOutput(ArchiveCache.PolicyName);
await app.RunAsync();
return 0;
