using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PatchReview.Core.Mail;
using PatchReview.Data.Import;
using PatchReview.Data.Queries;
using PatchReview.Testing;
using PatchReview.Web.Caching;

namespace PatchReview.Web.Tests.Components.Pages.Series;

public sealed class SeriesListTests(ArchiveFixture archive, HandMadeSeriesArchive greet, PostgresTestDatabase empty)
    : IClassFixture<ArchiveFixture>, IClassFixture<HandMadeSeriesArchive>, IClassFixture<PostgresTestDatabase>
{
    const string Zpci = "KVM: s390: enable zPCI for interpretive execution";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Series_list_shows_the_zpci_series_with_versions_trailer_counts_state_and_last_activity()
    {
        using var response = await archive.Client.GetAsync("/series?q=zpci", Ct);
        var html = await Html.ReadPageAsync(response);
        var id = await ZpciIdAsync();
        var row = Html.Element(html, "tr", $"href=\"/series/{id}\"");
        var cells = Regex.Matches(row, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => Html.Text(m.Groups[1].Value).Trim()).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<a href=\"/series/{id}\">{Zpci}</a>", row, StringComparison.Ordinal);
        // Acked-by: 5 in the v9 patch mails and 6 in replies to them (Pierre Morel 2, Alex Williamson 4).
        // Reviewed-by: 40 in the v9 patch mails and 4 in replies (Thomas Huth 2, Pierre Morel 2). Of the 4 carried
        // from earlier versions, 3 are stale (their patch changed since) and 1 is Christian Borntraeger's, already in
        // the v9 patch from his other address: none counts. No Tested-by was given. The last activity is the last of
        // the 18 [GIT PULL nn/42] mails that apply v9 patches, Thu, 21 Jul 2022 18:12:39 +0200.
        Assert.Equal(["KVM: s390: enable zPCI for interpretive execution", "Matthew Rosato", "v9", "9", "11", "44", "0", "applied", "2022-07-21 16:12"], cells);
        Assert.Contains("<span class=\"state applied\">applied</span>", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Title_search_finds_only_series_whose_title_has_the_words()
    {
        var html = await archive.Client.GetPageAsync("/series?q=zpci");
        var titles = Regex.Matches(Html.Element(html, "tbody", "<tbody"), "<td class=\"title\"><a href=\"/series/\\d+\">([^<]*)</a>")
            .Select(m => Html.Decode(m.Groups[1].Value)).ToList();

        Assert.Contains(Zpci, titles);
        Assert.All(titles, title => Assert.Contains("zpci", title, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("name=\"q\" value=\"zpci\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_filter_is_a_get_form_whose_choice_stays_selected_and_keeps_only_that_state()
    {
        var html = await archive.Client.GetPageAsync("/series?state=applied");
        var rows = Html.Element(html, "tbody", "<tbody");

        Assert.Contains("<form method=\"get\" action=\"/series\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"applied\" selected>applied</option>", html, StringComparison.Ordinal);
        Assert.Equal(["new", "under-review", "changes-requested", "reviewed", "superseded", "applied"],
            Regex.Matches(html, "<option value=\"([a-z-]+)\"").Select(m => m.Groups[1].Value));
        Assert.Contains($"href=\"/series/{await ZpciIdAsync()}\"", rows, StringComparison.Ordinal);
        var states = Regex.Matches(rows, "<span class=\"state ([a-z-]+)\">").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(states);
        Assert.All(states, state => Assert.Equal("applied", state));
        Assert.Contains("href=\"/series\">Clear</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitter_filter_finds_the_hand_made_series_and_a_state_it_is_not_in_finds_nothing()
    {
        var bySubmitter = await greet.Client.GetPageAsync("/series?submitter=ann%40example");
        var applied = await greet.Client.GetPageAsync("/series?submitter=ann%40example&state=applied");

        var row = Html.Element(bySubmitter, "tr", $">{HandMadeSeries.Title}</a>");
        // Otto Owner acked the whole of v2 in answer to its cover letter.
        Assert.Contains("<span class=\"state reviewed\">reviewed</span>", row, StringComparison.Ordinal);
        Assert.Contains(">Ann Author</span>", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">v2</td>", row, StringComparison.Ordinal);
        Assert.Contains("name=\"submitter\" value=\"ann@example\"", bySubmitter, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", applied, StringComparison.Ordinal);
        Assert.Contains("No series matches.", Html.Text(applied), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_link_to_older_series_keeping_the_search()
    {
        var total = (await archive.Database.Get<SeriesQueries>().ListSeriesAsync(new SeriesFilter("zpci", null, null), new PageRequest(1, 1), Ct)).Total;
        var first = await archive.Client.GetPageAsync("/series?q=zpci&pageSize=2");
        var second = await archive.Client.GetPageAsync("/series?q=zpci&pageSize=2&page=2");

        Assert.True(total > 2, $"zpci should name more than two series; it names {total}.");
        Assert.Contains("href=\"/series?q=zpci&amp;page=2&amp;pageSize=2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/series?q=zpci&amp;pageSize=2\" rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.Contains($"3–4 of {total}", Html.Text(second), StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(Html.Element(second, "tbody", "<tbody"), "<tr>").Count);
    }

    [Fact]
    public async Task Site_navigation_links_the_series_list_and_marks_it_on_series_pages()
    {
        var home = await archive.Client.GetPageAsync("/");
        var series = await archive.Client.GetPageAsync("/series");
        var detail = await archive.Client.GetPageAsync($"/series/{await ZpciIdAsync()}");

        Assert.Contains("<a href=\"/series\">Series</a>", Html.Element(home, "nav", "aria-label=\"Main\""), StringComparison.Ordinal);
        Assert.Contains("<a href=\"/series\" class=\"active\" aria-current=\"page\">Series</a>", series, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/series\" class=\"active\" aria-current=\"page\">Series</a>", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Series_list_is_served_from_the_cache_until_an_import_changes_the_archive()
    {
        var clock = new ManualClock();
        await using var factory = new WebFactory(empty, services => services.AddSingleton<TimeProvider>(clock));
        factory.StartServer();
        using var client = factory.CreateClient();

        var before = await client.GetPageAsync("/series?q=greet");
        await empty.Get<MailboxImporter>().ImportAsync(HandMadeSeries.Mbox, MailReader.ReadAsync(HandMadeSeries.Mbox, Ct), null, Ct);
        var withinStampAge = await client.GetPageAsync("/series?q=greet");
        clock.Advance(ArchiveVersion.MaxAge);
        var after = await client.GetPageAsync("/series?q=greet");

        Assert.Contains("No series matches.", Html.Text(before), StringComparison.Ordinal);
        Assert.Contains("No series matches.", Html.Text(withinStampAge), StringComparison.Ordinal);
        Assert.Contains($">{HandMadeSeries.Title}</a>", after, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/series?state=Applied", "state is \"Applied\"; it must be one of applied, changes-requested, new, reviewed, superseded, under-review.")]
    [InlineData("/series?page=abc", "page is \"abc\"; it must be a whole number.")]
    [InlineData("/series?pageSize=501", "pageSize must be between 1 and 500; it is 501.")]
    public async Task Bad_filter_or_page_is_a_400_page_saying_what_is_wrong(string url, string message)
    {
        using var response = await archive.Client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, Html.Text(await Html.ReadPageAsync(response)), StringComparison.Ordinal);
    }

    async Task<long> ZpciIdAsync()
        => (await archive.Database.Get<SeriesQueries>().ListSeriesAsync(new SeriesFilter("zpci", null, null), new PageRequest(1, 500), Ct))
            .Items.Single(s => s.Title == Zpci).Id;
}
