using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatchReview.Web.Tests.Api;

/// <summary>The "Decisions" routes of the API contract, on the zPCI archive.</summary>
public sealed class DecisionsApiTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    const string Title = "Use CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<JsonElement> GetAsync(string url)
    {
        using var response = await archive.Client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    async Task<long> ZpciIdAsync() => (await GetAsync("/api/v1/series?q=zpci")).EnumerateArray()
        .Single(s => s.GetProperty("title").GetString() == "KVM: s390: enable zPCI for interpretive execution").GetProperty("id").GetInt64();

    [Fact]
    public async Task Series_decisions_include_the_CONFIG_VFIO_PCI_ZDEV_KVM_decision_with_its_steps_and_the_route_by_id_returns_it()
    {
        var id = await ZpciIdAsync();
        var shown = (await GetAsync($"/api/v1/series/{id}/decisions")).EnumerateArray().ToList();
        var all = (await GetAsync($"/api/v1/series/{id}/decisions?all=true")).EnumerateArray().ToList();

        var decision = Assert.Single(shown, d => d.GetProperty("title").GetString() == Title);
        Assert.Equal(("implemented", id, JsonValueKind.Null), (decision.GetProperty("status").GetString(), decision.GetProperty("seriesId").GetInt64(), decision.GetProperty("review").ValueKind));
        Assert.InRange(decision.GetProperty("confidence").GetDouble(), 0.5, 1.0);
        Assert.Contains("implementation", decision.GetProperty("signals").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["question", "question", "proposal", "agreement", "agreement", "changelog", "implementation", "implementation"],
            decision.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("role").GetString()));
        var proposal = decision.GetProperty("steps")[2];
        Assert.Equal(("1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com", "Matthew Rosato", 6),
            (proposal.GetProperty("messageId").GetString(), proposal.GetProperty("author").GetProperty("name").GetString(), proposal.GetProperty("version").GetInt32()));
        Assert.True(all.Count >= shown.Count);
        Assert.All(shown, d => Assert.True(d.GetProperty("shownByDefault").GetBoolean()));

        var byId = await GetAsync("/api/v1/decisions/" + decision.GetProperty("id").GetString());
        Assert.Equal(Title, byId.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_site_wide_list_filters_by_identifier_person_status_and_series()
    {
        var id = await ZpciIdAsync();
        static IEnumerable<string?> Titles(JsonElement list) => list.EnumerateArray().Select(d => d.GetProperty("title").GetString());

        var byIdentifier = await GetAsync("/api/v1/decisions?identifier=zdev_kvm");
        var byPerson = await GetAsync("/api/v1/decisions?person=borntraeger");
        var dropped = await GetAsync("/api/v1/decisions?status=dropped&all=true");
        var ofSeries = await GetAsync($"/api/v1/decisions?series={id}");
        using var bad = await archive.Client.GetAsync("/api/v1/decisions?status=maybe", Ct);

        Assert.Contains(Title, Titles(byIdentifier));
        Assert.All(byIdentifier.EnumerateArray(), d => Assert.Contains(d.GetProperty("identifiers").EnumerateArray(), i => i.GetString()!.Contains("ZDEV_KVM", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(Title, Titles(byPerson));
        Assert.All(dropped.EnumerateArray(), d => Assert.Equal("dropped", d.GetProperty("status").GetString()));
        Assert.Equal(Titles(await GetAsync($"/api/v1/series/{id}/decisions")), Titles(ofSeries));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Decisions_page_lists_the_decision_for_its_identifier()
    {
        var html = await archive.Client.GetPageAsync("/decisions?identifier=CONFIG_VFIO_PCI_ZDEV_KVM");

        Assert.Contains($">{Title}</a>", Html.Decode(html), StringComparison.Ordinal);
        Assert.Contains("<option value=\"implemented\">implemented</option>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_series_and_decisions_are_404()
    {
        using var series = await archive.Client.GetAsync("/api/v1/series/999999999/decisions", Ct);
        using var decision = await archive.Client.GetAsync("/api/v1/decisions/2-000000000000", Ct);
        using var malformed = await archive.Client.GetAsync("/api/v1/decisions/nonsense", Ct);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { series.StatusCode, decision.StatusCode, malformed.StatusCode });
    }
}
