using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatchReview.Web.Tests.Api;

public sealed class SeriesApiTests(ArchiveFixture archive, HandMadeSeriesArchive greet)
    : IClassFixture<ArchiveFixture>, IClassFixture<HandMadeSeriesArchive>
{
    const string Zpci = "KVM: s390: enable zPCI for interpretive execution";

    /// <summary>The cover letters of v1..v9 as posted, and the patches each counted ([PATCH v9 00/21] ...).</summary>
    static readonly (int Version, string Cover, int Patches)[] ZpciVersions =
    [
        (1, "20211207205743.150299-1-mjrosato@linux.ibm.com", 32),
        (2, "20220114203145.242984-1-mjrosato@linux.ibm.com", 30),
        (3, "20220204211536.321475-1-mjrosato@linux.ibm.com", 30),
        (4, "20220314194451.58266-1-mjrosato@linux.ibm.com", 32),
        (5, "20220404174349.58530-1-mjrosato@linux.ibm.com", 21),
        (6, "20220426200842.98655-1-mjrosato@linux.ibm.com", 21),
        (7, "20220513191509.272897-1-mjrosato@linux.ibm.com", 22),
        (8, "20220524185907.140285-1-mjrosato@linux.ibm.com", 22),
        (9, "20220606203325.110625-1-mjrosato@linux.ibm.com", 21),
    ];

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_for_zpci_finds_the_nine_version_series_applied_by_a_pull_request()
    {
        using var response = await archive.Client.GetAsync("/api/v1/series?q=zpci", Ct);
        var series = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(series.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture), Header(response, "X-Total-Count"));
        Assert.All(series.EnumerateArray(), s => Assert.Contains("zpci", s.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase));
        var zpci = Assert.Single(series.EnumerateArray(), s => s.GetProperty("title").GetString() == Zpci);
        Assert.Equal((9, 9, "applied"), (zpci.GetProperty("latestVersion").GetInt32(), zpci.GetProperty("versionCount").GetInt32(), zpci.GetProperty("state").GetString()));
        Assert.Equal(("Matthew Rosato", "mjrosato@linux.ibm.com"), Person(zpci.GetProperty("submitter")));
        Assert.EndsWith("Z", zpci.GetProperty("lastActivity").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Series_lists_its_nine_complete_versions_with_their_cover_letters_and_patch_counts()
    {
        var series = await GetAsync($"/api/v1/series/{await ZpciIdAsync()}");
        var versions = series.GetProperty("versions").EnumerateArray().ToList();

        Assert.Equal((Zpci, "applied"), (series.GetProperty("title").GetString(), series.GetProperty("state").GetString()));
        Assert.Equal(("Matthew Rosato", "mjrosato@linux.ibm.com"), Person(series.GetProperty("submitter")));
        Assert.Equal(ZpciVersions, versions.Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("coverMessageId").GetString()!, v.GetProperty("patchCount").GetInt32())));
        Assert.All(versions, v =>
        {
            Assert.True(v.GetProperty("isComplete").GetBoolean());
            Assert.Equal(v.GetProperty("patchCount").GetInt32(), v.GetProperty("declaredTotal").GetInt32());
            Assert.Empty(v.GetProperty("missingIndices").EnumerateArray());
            Assert.Equal(Zpci, v.GetProperty("title").GetString());
        });
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, null], versions.Select(v => v.GetProperty("supersededBy").ValueKind == JsonValueKind.Null ? (int?)null : v.GetProperty("supersededBy").GetInt32()));
        // [PATCH v6 00/21], Date: Tue, 26 Apr 2022 16:08:21 -0400
        Assert.Equal("2022-04-26T20:08:21Z", versions[5].GetProperty("date").GetString());
    }

    [Fact]
    public async Task Version_4_links_to_version_3_through_the_lore_link_in_its_cover_letter()
    {
        var series = await GetAsync($"/api/v1/series/{await ZpciIdAsync()}");
        var versions = series.GetProperty("versions").EnumerateArray().ToList();

        // "Changelog v3->v4:\nv3: https://lore.kernel.org/kvm/20220204211536.321475-1-mjrosato@linux.ibm.com/"
        var link = versions[3].GetProperty("link");
        Assert.Equal(3, link.GetProperty("previousVersion").GetInt32());
        Assert.Contains("lore-link", link.GetProperty("signals").EnumerateArray().Select(s => s.GetString()));
        Assert.InRange(link.GetProperty("confidence").GetDouble(), 0.0, 1.0);
        Assert.Equal(JsonValueKind.Null, versions[0].GetProperty("link").ValueKind);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], versions.Skip(1).Select(v => v.GetProperty("link").GetProperty("previousVersion").GetInt32()));
    }

    [Fact]
    public async Task Pull_request_applied_the_v9_patches_its_git_pull_mails_link_to()
    {
        var series = await GetAsync($"/api/v1/series/{await ZpciIdAsync()}");

        // [GIT PULL 01/42] .. [GIT PULL 19/42] carry "Link: https://lore.kernel.org/r/20220606203325.110625-<n+1>-mjrosato@linux.ibm.com";
        // 14/42 never reached linux-s390, and 20/42 onwards are other work.
        var pull = Assert.Single(series.GetProperty("pullRequests").EnumerateArray());
        int[] applied = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19];
        Assert.Equal(
            applied.Select(i => ($"20220606203325.110625-{i + 1}-mjrosato@linux.ibm.com", 9, i)),
            pull.GetProperty("appliedPatches").EnumerateArray().Select(p => (p.GetProperty("messageId").GetString()!, p.GetProperty("version").GetInt32(), p.GetProperty("index").GetInt32())));
        Assert.Equal("imbrenda@linux.ibm.com", pull.GetProperty("from").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Matrix_has_versions_1_to_9_and_follows_a_patch_whose_index_moved()
    {
        var matrix = await GetAsync($"/api/v1/series/{await ZpciIdAsync()}/matrix");
        var rows = matrix.GetProperty("rows").EnumerateArray().ToList();

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], matrix.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
        // [PATCH v6 16/21] and [PATCH v7 17/22] vfio-pci/zdev: add open/close device hooks; v7 added a patch before it.
        var hooks = Assert.Single(rows, r => r.GetProperty("cells").TryGetProperty("6", out var cell)
            && cell.GetProperty("messageId").GetString() == "20220426200842.98655-17-mjrosato@linux.ibm.com");
        var v7 = hooks.GetProperty("cells").GetProperty("7");
        Assert.Equal(16, hooks.GetProperty("cells").GetProperty("6").GetProperty("index").GetInt32());
        Assert.Equal(("20220513191509.272897-18-mjrosato@linux.ibm.com", 17, "modified"),
            (v7.GetProperty("messageId").GetString(), v7.GetProperty("index").GetInt32(), v7.GetProperty("change").GetString()));
        // The v9 row: [PATCH v9 17/21] of the same title.
        Assert.Equal("20220606203325.110625-18-mjrosato@linux.ibm.com", hooks.GetProperty("cells").GetProperty("9").GetProperty("messageId").GetString());
        Assert.Equal(21, rows.Count(r => r.GetProperty("cells").TryGetProperty("9", out _)));
    }

    [Fact]
    public async Task Version_lists_its_patches_by_index_with_the_counterpart_in_the_version_before()
    {
        var v7 = await GetAsync($"/api/v1/series/{await ZpciIdAsync()}/versions/7");
        var patches = v7.GetProperty("patches").EnumerateArray().ToList();

        Assert.Equal((7, "20220513191509.272897-1-mjrosato@linux.ibm.com"), (v7.GetProperty("version").GetInt32(), v7.GetProperty("coverMessageId").GetString()));
        Assert.Equal(Enumerable.Range(1, 22), patches.Select(p => p.GetProperty("index").GetInt32()));
        var hooks = patches[16];
        Assert.Equal(("vfio-pci/zdev: add open/close device hooks", "20220513191509.272897-18-mjrosato@linux.ibm.com"),
            (hooks.GetProperty("title").GetString(), hooks.GetProperty("messageId").GetString()));
        // " 4 files changed, 68 insertions(+)" in the mail's diffstat.
        Assert.Equal((4, 68, 0), (hooks.GetProperty("filesChanged").GetInt32(), hooks.GetProperty("linesAdded").GetInt32(), hooks.GetProperty("linesRemoved").GetInt32()));
        var previous = hooks.GetProperty("previous");
        Assert.Equal((6, "20220426200842.98655-17-mjrosato@linux.ibm.com", "modified"),
            (previous.GetProperty("version").GetInt32(), previous.GetProperty("messageId").GetString(), previous.GetProperty("change").GetString()));
        Assert.Matches("^[0-9a-f]{40}$", hooks.GetProperty("patchId").GetString());
    }

    [Fact]
    public async Task Hand_made_series_is_found_by_submitter_and_state()
    {
        var bySubmitter = await GetArrayAsync(greet.Client, "/api/v1/series?submitter=ann@example");
        var reviewed = await GetArrayAsync(greet.Client, "/api/v1/series?state=reviewed");
        var applied = await GetArrayAsync(greet.Client, "/api/v1/series?state=applied");

        var series = Assert.Single(bySubmitter);
        Assert.Equal((HandMadeSeries.Title, 2, 2), (series.GetProperty("title").GetString(), series.GetProperty("latestVersion").GetInt32(), series.GetProperty("versionCount").GetInt32()));
        // Otto Owner acked the whole of v2 in answer to its cover letter.
        Assert.Equal("reviewed", series.GetProperty("state").GetString());
        Assert.Equal(series.GetProperty("id").GetInt64(), Assert.Single(reviewed).GetProperty("id").GetInt64());
        Assert.Empty(applied);
    }

    [Fact]
    public async Task Hand_made_v2_links_to_v1_and_has_the_changelog_of_its_cover_letter()
    {
        var id = await GreetIdAsync();
        var series = await GetAsync(greet.Client, $"/api/v1/series/{id}");
        var v2 = await GetAsync(greet.Client, $"/api/v1/series/{id}/versions/2");

        var versions = series.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([(1, HandMadeSeries.V1Cover), (2, HandMadeSeries.V2Cover)], versions.Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("coverMessageId").GetString()!)));
        // v1: Rita's two reviews and Tom's test; v2: Otto's ack, Rita's review and Sam's relay.
        Assert.Equal([3, 3], versions.Select(v => v.GetProperty("replyCount").GetInt32()));
        Assert.Contains("lore-link", versions[1].GetProperty("link").GetProperty("signals").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HandMadeSeries.V2Cover, v2.GetProperty("coverMessageId").GetString());
        var changelog = v2.GetProperty("changelog").EnumerateArray().ToList();
        Assert.Equal([(1, "use puts() instead of printf() (Rita)"), (2, "say in the README where the greeting is")],
            changelog.Select(c => (c.GetProperty("n").GetInt32(), c.GetProperty("text").GetString()!)));
        Assert.Equal([("Rita Reviewer", "rita@example.org")], changelog[0].GetProperty("credited").EnumerateArray().Select(Person));
        Assert.Empty(changelog[1].GetProperty("credited").EnumerateArray());
    }

    [Fact]
    public async Task Hand_made_v2_patches_carry_trailers_from_where_they_were_given()
    {
        var v2 = await GetAsync(greet.Client, $"/api/v1/series/{await GreetIdAsync()}/versions/2");
        var patches = v2.GetProperty("patches").EnumerateArray().ToList();

        Assert.Equal([(1, HandMadeSeries.V2Patch1), (2, HandMadeSeries.V2Patch2), (3, HandMadeSeries.V2Patch3)],
            patches.Select(p => (p.GetProperty("index").GetInt32(), p.GetProperty("messageId").GetString()!)));
        Assert.Equal([(1, HandMadeSeries.V1Patch1, "unchanged"), (1, HandMadeSeries.V1Patch2, "modified")],
            patches.Take(2).Select(p => p.GetProperty("previous")).Select(p => (p.GetProperty("version").GetInt32(), p.GetProperty("messageId").GetString()!, p.GetProperty("change").GetString()!)));
        Assert.Equal(JsonValueKind.Null, patches[2].GetProperty("previous").ValueKind);

        // Patch 1: v1's Reviewed-by is in the commit message now, so only Tom's Tested-by on v1's cover letter is carried.
        // The API promises no order among trailers, so they are compared sorted.
        AssertTrailers(
            [
                ("Reviewed-by", "rita@example.org", "patch", HandMadeSeries.V2Patch1, 2, true, false),
                ("Signed-off-by", "ann@example.org", "patch", HandMadeSeries.V2Patch1, 2, true, false),
                ("Acked-by", "otto@example.org", "cover-reply", HandMadeSeries.V2CoverAck, 2, true, false),
                ("Tested-by", "tom@example.org", "carried", HandMadeSeries.V1CoverTest, 1, true, false),
            ],
            Trailers(patches[0]));
        // Patch 2 was reworked: Tom's Tested-by from v1 is stale; the Reviewed-by Sam passed on is not Sam's own.
        AssertTrailers(
            [
                ("Signed-off-by", "ann@example.org", "patch", HandMadeSeries.V2Patch2, 2, true, false),
                ("Reviewed-by", "rita@example.org", "reply", HandMadeSeries.V2Patch2Relayed, 2, false, false),
                ("Acked-by", "otto@example.org", "cover-reply", HandMadeSeries.V2CoverAck, 2, true, false),
                ("Tested-by", "tom@example.org", "carried", HandMadeSeries.V1CoverTest, 1, true, true),
            ],
            Trailers(patches[1]));
        AssertTrailers(
            [
                ("Signed-off-by", "zoe@example.org", "patch", HandMadeSeries.V2Patch3, 2, true, false),
                ("Signed-off-by", "ann@example.org", "patch", HandMadeSeries.V2Patch3, 2, true, false),
                ("Acked-by", "otto@example.org", "cover-reply", HandMadeSeries.V2CoverAck, 2, true, false),
                ("Reviewed-by", "rita@example.org", "reply", HandMadeSeries.V2Patch3Review, 2, true, false),
            ],
            Trailers(patches[2]));
    }

    [Fact]
    public async Task Series_list_is_paged_with_total_count_and_links_that_keep_the_query()
    {
        using var response = await archive.Client.GetAsync("/api/v1/series?q=zpci&pageSize=2&page=2", Ct);
        var series = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var all = await GetArrayAsync(archive.Client, "/api/v1/series?q=zpci&pageSize=500");

        Assert.Equal(2, series.GetArrayLength());
        Assert.Equal(all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(response, "X-Total-Count"));
        Assert.Equal(all.Skip(2).Take(2).Select(s => s.GetProperty("id").GetInt64()), series.EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
        Assert.Contains("</api/v1/series?q=zpci&page=1&pageSize=2>; rel=\"prev\"", Header(response, "Link"), StringComparison.Ordinal);
        var activity = all.Select(s => s.GetProperty("lastActivity").GetDateTimeOffset()).ToList();
        Assert.Equal(activity.OrderDescending(), activity);
    }

    [Fact]
    public async Task Openapi_document_describes_the_series_and_patch_routes()
    {
        var document = await archive.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(
            [
                "/api/v1/patches/{messageId}", "/api/v1/patches/{messageId}/comments", "/api/v1/patches/{messageId}/interdiff",
                "/api/v1/patches/{messageId}/mbox", "/api/v1/series", "/api/v1/series/{id}", "/api/v1/series/{id}/decisions", "/api/v1/series/{id}/matrix",
                "/api/v1/series/{id}/questions", "/api/v1/series/{id}/review", "/api/v1/series/{id}/versions/{version}",
                "/api/v1/series/{id}/versions/{version}/mbox",
            ],
            paths.Where(p => p.StartsWith("/api/v1/series", StringComparison.Ordinal) || p.StartsWith("/api/v1/patches", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var trailer = document.GetProperty("components").GetProperty("schemas").GetProperty("TrailerRecord").GetProperty("properties");
        Assert.Equal(["type", "name", "email", "origin", "sourceMessageId", "fromVersion", "senderMatches", "stale"], trailer.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("state=merged", "state")]
    [InlineData("state=Applied", "state")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task Bad_parameter_is_a_400_validation_problem_naming_it(string query, string parameter)
    {
        using var response = await archive.Client.GetAsync("/api/v1/series?" + query, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData("/api/v1/series/987654")]
    [InlineData("/api/v1/series/987654/matrix")]
    [InlineData("/api/v1/series/987654/versions/1")]
    [InlineData("/api/v1/series/987654/versions/1/mbox")]
    [InlineData("/api/v1/series/not-a-number")]
    public async Task Unknown_series_answers_404_problem_json(string url)
    {
        using var response = await archive.Client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_version_of_a_known_series_answers_404_problem_json()
    {
        var id = await ZpciIdAsync();
        using var version = await archive.Client.GetAsync($"/api/v1/series/{id}/versions/10", Ct);
        using var mbox = await archive.Client.GetAsync($"/api/v1/series/{id}/versions/10/mbox", Ct);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (version.StatusCode, mbox.StatusCode));
        Assert.Equal("application/problem+json", mbox.Content.Headers.ContentType?.MediaType);
    }

    async Task<long> ZpciIdAsync()
        => (await GetArrayAsync(archive.Client, "/api/v1/series?q=zpci")).Single(s => s.GetProperty("title").GetString() == Zpci).GetProperty("id").GetInt64();

    async Task<long> GreetIdAsync() => Assert.Single(await GetArrayAsync(greet.Client, "/api/v1/series?q=greet")).GetProperty("id").GetInt64();

    Task<JsonElement> GetAsync(string url) => GetAsync(archive.Client, url);

    static async Task<JsonElement> GetAsync(HttpClient client, string url) => await client.GetFromJsonAsync<JsonElement>(url, Ct);

    static async Task<List<JsonElement>> GetArrayAsync(HttpClient client, string url) => [.. (await GetAsync(client, url)).EnumerateArray()];

    static (string?, string?) Person(JsonElement person) => (person.GetProperty("name").GetString(), person.GetProperty("email").GetString());

    static void AssertTrailers(IEnumerable<(string, string, string, string, int, bool, bool)> expected, IEnumerable<(string, string, string, string, int, bool, bool)> actual)
        => Assert.Equal(expected.Order(), actual.Order());

    /// <summary>Type, email, origin, source, fromVersion, senderMatches and stale.</summary>
    static IEnumerable<(string, string, string, string, int, bool, bool)> Trailers(JsonElement patch)
        => patch.GetProperty("trailers").EnumerateArray().Select(t => (t.GetProperty("type").GetString()!, t.GetProperty("email").GetString()!,
            t.GetProperty("origin").GetString()!, t.GetProperty("sourceMessageId").GetString()!, t.GetProperty("fromVersion").GetInt32(),
            t.GetProperty("senderMatches").GetBoolean(), t.GetProperty("stale").GetBoolean()));

    static string Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";
}
