using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PatchReview.Testing;

namespace PatchReview.Web.Tests.Api;

public sealed class ImportsApiTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Imports_are_listed_newest_first_with_their_counts()
    {
        using var response = await archive.Client.GetAsync("/api/v1/imports", Ct);
        var imports = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal("2", string.Join(",", response.Headers.GetValues("X-Total-Count")));
        Assert.Equal(
            [
                (archive.HandMade.ImportId, HandMadeMail.Source, 10, 9, 0, 0, 1),
                (archive.Zpci.ImportId, Corpus.ZpciSeries, 621, 621, 0, 0, 0),
            ],
            imports.EnumerateArray().Select(Counts));
        Assert.All(imports.EnumerateArray(), i => Assert.EndsWith("Z", i.GetProperty("finishedAt").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_import_is_found_by_id_and_an_unknown_id_is_404()
    {
        var zpci = await archive.Client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{archive.Zpci.ImportId}", Ct);
        using var missing = await archive.Client.GetAsync("/api/v1/imports/987654", Ct);

        Assert.Equal((archive.Zpci.ImportId, Corpus.ZpciSeries, 621, 621, 0, 0, 0), Counts(zpci));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Rejected_mail_is_listed_with_source_offset_reason_and_its_exact_bytes()
    {
        using var response = await archive.Client.GetAsync("/api/v1/rejected?pageSize=10", Ct);
        var rejected = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray());
        var id = rejected.GetProperty("id").GetInt64();
        using var raw = await archive.Client.GetAsync($"/api/v1/rejected/{id}/raw", Ct);

        Assert.Equal("1", string.Join(",", response.Headers.GetValues("X-Total-Count")));
        Assert.Equal(archive.HandMade.ImportId, rejected.GetProperty("importId").GetInt64());
        Assert.Equal((HandMadeMail.Source, HandMadeMail.RejectedOffset, HandMadeMail.Garbage.Length),
            (rejected.GetProperty("source").GetString(), rejected.GetProperty("offset").GetInt64(), rejected.GetProperty("size").GetInt32()));
        Assert.Equal("not a mail message: no From, Date, Message-ID or Subject header", rejected.GetProperty("reason").GetString());
        Assert.Equal(HandMadeMail.Garbage, await raw.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Unknown_rejected_id_is_404_and_a_bad_page_size_is_400()
    {
        using var missing = await archive.Client.GetAsync("/api/v1/rejected/987654/raw", Ct);
        using var tooBig = await archive.Client.GetAsync("/api/v1/rejected?pageSize=501", Ct);
        using var importsTooBig = await archive.Client.GetAsync("/api/v1/imports?page=0", Ct);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (tooBig.StatusCode, importsTooBig.StatusCode));
    }

    static (long, string?, int, int, int, int, int) Counts(JsonElement import) => (
        import.GetProperty("id").GetInt64(), import.GetProperty("source").GetString(), import.GetProperty("read").GetInt32(),
        import.GetProperty("stored").GetInt32(), import.GetProperty("duplicates").GetInt32(), import.GetProperty("variants").GetInt32(),
        import.GetProperty("rejected").GetInt32());
}
