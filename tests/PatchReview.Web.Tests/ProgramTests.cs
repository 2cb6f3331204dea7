using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PatchReview.Testing;

namespace PatchReview.Web.Tests;

/// <summary>The host itself: readiness, the API description, error pages, and refusing to start on bad settings.</summary>
public sealed class ProgramTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_answers_200_once_the_database_is_migrated_and_reachable()
    {
        using var response = await archive.Client.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Openapi_document_lists_every_route_of_the_api()
    {
        var document = await archive.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var paths = document.GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);

        Assert.Equal(
            [
                "/api/v1/decisions", "/api/v1/decisions/{id}", "/api/v1/decisions/{id}/review", "/api/v1/imports", "/api/v1/imports/{id}", "/api/v1/messages/{messageId}", "/api/v1/messages/{messageId}/quotes",
                "/api/v1/messages/{messageId}/raw", "/api/v1/patches/{messageId}", "/api/v1/patches/{messageId}/comments",
                "/api/v1/patches/{messageId}/interdiff", "/api/v1/patches/{messageId}/mbox", "/api/v1/rejected", "/api/v1/rejected/{id}/raw",
                "/api/v1/series", "/api/v1/series/{id}", "/api/v1/series/{id}/decisions", "/api/v1/series/{id}/matrix", "/api/v1/series/{id}/questions",
                "/api/v1/series/{id}/review", "/api/v1/series/{id}/versions/{version}", "/api/v1/series/{id}/versions/{version}/mbox", "/api/v1/threads",
                "/api/v1/threads/{messageId}",
            ],
            paths.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("GetThread", paths["/api/v1/threads/{messageId}"].GetProperty("get").GetProperty("operationId").GetString());
        var thread = document.GetProperty("components").GetProperty("schemas").GetProperty("ThreadDetail").GetProperty("properties");
        Assert.Equal(["rootMessageId", "messageCount", "messages"], thread.EnumerateObject().Select(p => p.Name));
        var date = document.GetProperty("components").GetProperty("schemas").GetProperty("ThreadMessage").GetProperty("properties").GetProperty("date");
        Assert.Equal("date-time", date.GetProperty("format").GetString());
    }

    [Fact]
    public async Task Api_reference_page_is_served_and_linked_from_every_page()
    {
        using var reference = await archive.Client.GetAsync("/scalar/v1", Ct);
        var home = await archive.Client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("<a href=\"/scalar/v1\">API reference</a>", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_api_route_is_404_problem_json_and_unknown_page_is_the_not_found_page()
    {
        using var api = await archive.Client.GetAsync("/api/v1/nothing-here", Ct);
        using var page = await archive.Client.GetAsync("/nothing-here", Ct);

        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (api.StatusCode, api.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.NotFound, "text/html"), (page.StatusCode, page.Content.Headers.ContentType?.MediaType));
        Assert.Contains("<h1>Not found</h1>", await Html.ReadPageAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Styles_the_pages_link_to_are_served()
    {
        var home = await archive.Client.GetPageAsync("/");

        foreach (var href in new[] { "app.", "PatchReview.Web." }.Select(prefix => Href(home, prefix)))
        {
            using var css = await archive.Client.GetAsync("/" + href, Ct);
            Assert.Equal((HttpStatusCode.OK, "text/css"), (css.StatusCode, css.Content.Headers.ContentType?.MediaType));
        }
    }

    [Theory]
    [InlineData("Database:Provider", "Oracle", "Database:Provider is \"Oracle\"; it must be \"Sqlite\" or \"Postgres\".")]
    [InlineData("Database:Provider", "Postgres", "Database:Provider is \"Postgres\" but ConnectionStrings:PatchReview is empty")]
    [InlineData("Security:RequireSignIn", "yes please", "Security:RequireSignIn must be true or false, not \"yes please\".")]
    public async Task Bad_setting_stops_startup_with_one_sentence_naming_it(string key, string value, string sentence)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.Combine(Corpus.RepositoryRoot, "src", "PatchReview.Web"),
        };
        start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["ConnectionStrings__PatchReview"] = "";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("PatchReview.Web cannot start: " + sentence, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await stdout + line, StringComparison.Ordinal);
    }

    static string Href(string html, string prefix)
    {
        var start = html.IndexOf("href=\"" + prefix, StringComparison.Ordinal) + "href=\"".Length;
        Assert.True(start >= "href=\"".Length, $"No stylesheet starting {prefix} is linked.");
        return html[start..html.IndexOf('"', start)];
    }
}
