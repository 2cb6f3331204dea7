using System.Net;
using PatchReview.Data.Queries;

namespace PatchReview.Web.Tests.Security;

/// <summary>A maintainer links and unlinks versions from the series page; a visitor has no such form.</summary>
public sealed class VersionLinkFormTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    const string V8Cover = "20220524185907.140285-1-mjrosato@linux.ibm.com";
    const string V9Cover = "20220606203325.110625-1-mjrosato@linux.ibm.com";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<HttpResponseMessage> PostLinkAsync(HttpClient browser, long seriesId, string action)
    {
        var page = await browser.GetStringAsync($"/series/{seriesId}", Ct);
        return await browser.PostAsync($"/series/{seriesId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "version-link",
            ["__RequestVerificationToken"] = MaintainerBrowser.TokenIn(page),
            ["Earlier"] = "<" + V8Cover + ">",
            ["Later"] = V9Cover,
            ["Action"] = action,
        }), Ct);
    }

    [Fact]
    public async Task A_maintainer_unlinks_v9_from_v8_and_links_it_back_from_the_series_page()
    {
        var queries = archive.Database.Get<SeriesQueries>();
        var zpci = (await queries.ListSeriesAsync(new SeriesFilter("zpci for interpretive", null, null), new PageRequest(1, 5), Ct)).Items.Single();
        using var visitor = MaintainerBrowser.Visitor(archive);
        using var maintainer = await MaintainerBrowser.SignedInAsync(archive, "mrosato");

        Assert.DoesNotContain("Link or unlink versions", await visitor.GetStringAsync($"/series/{zpci.Id}", Ct), StringComparison.Ordinal);

        using var unlinked = await PostLinkAsync(maintainer, zpci.Id, "unlink");
        Assert.Equal(HttpStatusCode.Redirect, unlinked.StatusCode);
        var alone = long.Parse(new Uri(archive.Client.BaseAddress!, unlinked.Headers.Location!).AbsolutePath["/series/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([9], (await queries.GetSeriesAsync(alone, Ct))!.Versions.Select(v => v.Version));
        Assert.Equal(8, (await queries.GetSeriesAsync(zpci.Id, Ct))!.Versions.Count);

        using var linked = await PostLinkAsync(maintainer, zpci.Id, "link");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Equal($"/series/{zpci.Id}", new Uri(archive.Client.BaseAddress!, linked.Headers.Location!).AbsolutePath);
        Assert.Equal(9, (await queries.GetSeriesAsync(zpci.Id, Ct))!.Versions.Count);
    }
}
