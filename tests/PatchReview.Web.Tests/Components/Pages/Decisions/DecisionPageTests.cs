using System.Net;
using PatchReview.Data.Queries;

namespace PatchReview.Web.Tests.Components.Pages.Decisions;

public sealed class DecisionPageTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    const string Title = "Use CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<(long SeriesId, DecisionRecord Decision)> ZpciDecisionAsync()
    {
        var series = (await archive.Database.Get<SeriesQueries>().ListSeriesAsync(new SeriesFilter("zpci for interpretive", null, null), new PageRequest(1, 5), Ct)).Items.Single();
        var decisions = (await archive.Database.Get<ReviewQueries>().GetSeriesDecisionsAsync(series.Id, Ct))!;
        return (series.Id, decisions.Single(d => d.Title == Title));
    }

    [Fact]
    public async Task Series_page_lists_the_decision_with_where_it_was_raised_agreed_and_implemented()
    {
        var (seriesId, decision) = await ZpciDecisionAsync();

        var html = Html.Decode(await archive.Client.GetPageAsync($"/series/{seriesId}"));
        var section = Html.Element(html, "section", "aria-labelledby=\"decisions-heading\"");

        Assert.Contains($"<a href=\"/decisions/{decision.Id}\">{Title}</a>", section, StringComparison.Ordinal);
        Assert.Contains("raised in v6 · agreed in v6 · implemented in v7", Html.Text(section), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decision_page_quotes_every_step_with_its_author_version_and_link()
    {
        var (_, decision) = await ZpciDecisionAsync();

        using var response = await archive.Client.GetAsync($"/decisions/{decision.Id}", Ct);
        var html = Html.Decode(await Html.ReadPageAsync(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<h1 id=\"decision-title\">{Title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Question by Jason Gunthorpe in v6\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Proposal by Matthew Rosato in v6\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Agreement by Christian Borntraeger in v6\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Changelog by Matthew Rosato in v7\"", html, StringComparison.Ordinal);
        Assert.Contains("I can use e.g. CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/m/1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com\">mail</a>", html, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"hunk add\">+config VFIO_PCI_ZDEV_KVM</pre>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/p/20220513191509.272897-11-mjrosato@linux.ibm.com\">patch</a>", html, StringComparison.Ordinal);
        Assert.Contains("<code>drivers/vfio/pci/Kconfig:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_decision_is_a_404_page()
    {
        using var response = await archive.Client.GetAsync("/decisions/2-000000000000", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
