using System.Net;
using System.Text.RegularExpressions;
using PatchReview.Data.Queries;
using PatchReview.Testing;

namespace PatchReview.Web.Tests.Components.Pages.Series;

public sealed class SeriesPageTests(ArchiveFixture archive, HandMadeSeriesArchive greet)
    : IClassFixture<ArchiveFixture>, IClassFixture<HandMadeSeriesArchive>
{
    const string Zpci = "KVM: s390: enable zPCI for interpretive execution";
    // [PATCH v6 16/21] and [PATCH v7 17/22] vfio-pci/zdev: add open/close device hooks
    const string V6Hooks = "20220426200842.98655-17-mjrosato@linux.ibm.com";
    const string V7Hooks = "20220513191509.272897-18-mjrosato@linux.ibm.com";


    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Review_section_counts_questions_per_version_and_comments_per_reviewer_as_the_api_does()
    {
        var id = await ZpciIdAsync();
        var html = Html.Decode(await archive.Client.GetPageAsync($"/series/{id}?v=6"));
        var review = (await archive.Database.Get<ReviewQueries>().GetSeriesReviewAsync(id, Ct))!;

        var questions = Html.Element(html, "table", "aria-label=\"Questions per version\"");
        Assert.Equal(review.Questions.Select(q => $"v{q.Version} {q.Asked} {q.Open}"),
            Regex.Matches(Html.Text(questions), @"v\d \d+ \d+").Select(m => m.Value));
        var reviewers = Html.Text(Html.Element(html, "table", "aria-label=\"Comments per reviewer\""));
        var jason = review.Reviewers.Single(r => r.Reviewer.Name == "Jason Gunthorpe");
        Assert.Contains($"Jason Gunthorpe {jason.Comments} {jason.FollowedUp} {jason.Addressed}", reviewers, StringComparison.Ordinal);
        Assert.DoesNotContain("Matthew Rosato", reviewers, StringComparison.Ordinal);
        var open = review.QuestionList.Count(q => q.Version == 6 && q.AnsweredBy is null);
        Assert.Equal(open, Regex.Matches(html, "<li><q>").Count);
    }

    [Fact]
    public async Task Series_page_shows_title_submitter_state_and_opens_at_the_latest_version()
    {
        var id = await ZpciIdAsync();
        using var response = await archive.Client.GetAsync($"/series/{id}", Ct);
        var html = await Html.ReadPageAsync(response);
        var switcher = Html.Element(html, "nav", "aria-label=\"Versions\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<h1>{Zpci}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Matthew Rosato", Html.Text(Html.Element(html, "p", "class=\"facts\"")), StringComparison.Ordinal);
        Assert.Contains("<span class=\"state applied\">applied</span>", Html.Element(html, "header", "class=\"series-head\""), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 9).Select(v => ($"/series/{id}?v={v}", $"v{v}")),
            Regex.Matches(switcher, "<a href=\"([^\"]+)\"[^>]*>([^<]+)</a>").Select(m => (m.Groups[1].Value, m.Groups[2].Value)));
        Assert.Contains($"<a href=\"/series/{id}?v=9\" aria-current=\"page\">v9</a>", switcher, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"version-heading\">v9</h2>", html, StringComparison.Ordinal);
        // [PATCH v9 01/21] .. [PATCH v9 21/21]
        Assert.Equal(Enumerable.Range(1, 21).Select(i => $"/p/20220606203325.110625-{i + 1}-mjrosato@linux.ibm.com"), PatchLinks(html));
        Assert.Contains($"href=\"/api/v1/series/{id}/versions/9/mbox\" download>Download v9 as mbox</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_7_lists_its_22_patches_by_index_with_their_titles_replies_and_counterparts_in_v6()
    {
        var id = await ZpciIdAsync();
        var html = await archive.Client.GetPageAsync($"/series/{id}?v=7");
        var patches = Html.Element(html, "table", "aria-labelledby=\"patches-heading\"");
        var hooks = Html.Element(patches, "tr", $"href=\"/p/{V7Hooks}\"");

        Assert.Contains("<h2 id=\"version-heading\">v7</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/series/{id}?v=7\" aria-current=\"page\">v7</a>", html, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 22).Select(i => $"/p/20220513191509.272897-{i + 1}-mjrosato@linux.ibm.com"), PatchLinks(html));
        Assert.Equal(ZpciSeries.V7Titles, Regex.Matches(patches, "<td class=\"title\"><a href=\"[^\"]+\">([^<]+)</a>").Select(m => Html.Decode(m.Groups[1].Value)));
        Assert.Equal(Enumerable.Range(1, 22).Select(i => $"{i}/22"), Regex.Matches(patches, "<td class=\"num index\">([^<]+)</td>").Select(m => m.Groups[1].Value));
        // Jason Gunthorpe (5), Matthew Rosato (2), Alex Williamson and Christoph Hellwig answered [PATCH v7 17/22].
        Assert.Contains("<td class=\"num\">9</td>", hooks, StringComparison.Ordinal);
        Assert.Contains($"href=\"/p/{V6Hooks}\" title=\"modified since v6\">~ v6</a>", hooks, StringComparison.Ordinal);
        Assert.Contains($"href=\"/p/{V7Hooks}?against={V6Hooks}\">interdiff</a>", hooks, StringComparison.Ordinal);
        // " 4 files changed, 68 insertions(+)"
        Assert.Contains("<span class=\"added\">+68</span> <span class=\"removed\">−0</span>", Html.Decode(hooks), StringComparison.Ordinal);
        // [PATCH v7 01/22] is [PATCH v6 01/21] to the byte.
        Assert.Contains("title=\"unchanged since v6\">≡ v6</a>", Html.Element(patches, "tr", "href=\"/p/20220513191509.272897-2-mjrosato@linux.ibm.com\""), StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/series/{id}/versions/7/mbox\" download>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/m/20220513191509.272897-1-mjrosato@linux.ibm.com\">Cover letter</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_7_shows_the_changelog_of_its_cover_letter_with_the_people_it_credits()
    {
        var html = await archive.Client.GetPageAsync($"/series/{await ZpciIdAsync()}?v=7");
        var items = Regex.Matches(Html.Element(html, "ol", "class=\"changelog\""), "<li>(.*?)</li>", RegexOptions.Singleline)
            .Select(m => Html.Text(m.Groups[1].Value).Trim()).ToList();

        // "Changelog v6->v7:" in [PATCH v7 00/22] has eleven items.
        Assert.Equal(11, items.Count);
        Assert.Equal("Add some more R-b tags", items[0]);
        Assert.Equal("Add a few lockdep_assert_held calls (Christian) credited: Christian Borntraeger", items[2]);
        Assert.Equal("Expose separate interfaces for register and unregister of kvm (Jason) credited: Jason Gunthorpe", items[6]);
        Assert.Equal("uapi KVM_CAP_S390_ZPCI_OP moved to 216 (previously 214)", items[10]);
        Assert.Contains("<h3 id=\"changelog-heading\">Changes in v7</h3>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trailers_show_where_they_come_from_and_mark_stale_ones_and_ones_sent_by_someone_else()
    {
        var id = Assert.Single((await greet.Database.Get<SeriesQueries>().ListSeriesAsync(new SeriesFilter("greet", null, null), new PageRequest(1, 10), Ct)).Items).Id;
        var html = await greet.Client.GetPageAsync($"/series/{id}");
        var patch2 = Html.Element(html, "tr", $"href=\"/p/{MessageIdPath.Encode(HandMadeSeries.V2Patch2)}\"");
        var trailers = Regex.Matches(patch2, "<li class=\"([^\"]+)\">(.*?)</li>", RegexOptions.Singleline)
            .Select(m => (m.Groups[1].Value, Html.Text(m.Groups[2].Value).Trim())).ToList();

        (string, string)[] expected =
        [
            ("trailer", "Signed-off-by: Ann Author patch"),
            ("trailer", "Reviewed-by: Rita Reviewer reply sender mismatch"),
            ("trailer", "Acked-by: Otto Owner cover-reply"),
            ("trailer stale", "Tested-by: Tom Tester carried from v1 stale"),
        ];
        // The page keeps the order the query gives, which promises none, so they are compared sorted.
        Assert.Equal(expected.Order(), trailers.Order());
        Assert.Contains($"href=\"/m/{HandMadeSeries.V2Patch2Relayed}\" title=\"Given in a reply to the patch\">reply</a>", patch2, StringComparison.Ordinal);
        Assert.Contains($"href=\"/m/{HandMadeSeries.V1CoverTest}\" title=\"Given on v1 of the patch\">carried from v1</a>", patch2, StringComparison.Ordinal);
        Assert.Contains($"href=\"/m/{HandMadeSeries.V2CoverAck}\" title=\"Given in a reply to the cover letter, for every patch of the version\">cover-reply</a>", patch2, StringComparison.Ordinal);
        // v2's changelog credits Rita for the first of its two items.
        Assert.Contains("use puts() instead of printf() (Rita) credited: Rita Reviewer", Html.Text(Html.Element(html, "ol", "class=\"changelog\"")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_link_evidence_names_the_version_each_follows_and_the_signals_that_link_them()
    {
        var id = await ZpciIdAsync();
        var html = await archive.Client.GetPageAsync($"/series/{id}?v=4");
        var versions = Html.Element(html, "table", "class=\"versions\"");
        var rows = Regex.Matches(Html.Element(versions, "tbody", "<tbody"), "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(9, rows.Count);
        Assert.Contains("<td class=\"none\">–</td>", rows[0], StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 8).Select(v => $"<td>v{v}</td>"), rows.Skip(1).Select(r => Regex.Match(r, "<td>v\\d</td>").Value));
        // [PATCH v4 00/32] links its predecessor: "v3: https://lore.kernel.org/kvm/20220204211536.321475-1-mjrosato@linux.ibm.com/".
        Assert.Contains("lore-link", rows[3], StringComparison.Ordinal);
        Assert.Matches("Version-link evidence: follows v3 with confidence [01]\\.\\d\\d, from [a-z, -]*lore-link", Html.Text(Html.Element(html, "p", "class=\"evidence\"")));
        // v1 to v9 were posted 32, 30, 30, 32, 21, 21, 22, 22 and 21 patches strong.
        Assert.Equal(["32/32", "30/30", "30/30", "32/32", "21/21", "21/21", "22/22", "22/22", "21/21"],
            rows.Select(r => Regex.Match(r, "<td class=\"num\">(\\d+/\\d+)</td>").Groups[1].Value));
    }

    [Fact]
    public async Task Patch_matrix_has_a_row_per_patch_of_v9_with_its_index_and_change_in_each_version()
    {
        var id = await ZpciIdAsync();
        var html = await archive.Client.GetPageAsync($"/series/{id}?v=7");
        var matrix = Html.Element(html, "table", "class=\"matrix\"");
        var hooks = Html.Element(matrix, "tr", ">vfio-pci/zdev: add open/close device hooks</th>");
        var first = Html.Element(matrix, "tr", ">s390/sclp: detect the AISII facility</th>");

        Assert.Equal(Enumerable.Range(1, 9).Select(v => $"v{v}"), Regex.Matches(Html.Element(matrix, "thead", "<thead"), ">(v\\d)</a>").Select(m => m.Groups[1].Value));
        Assert.Equal(21, Regex.Matches(Html.Element(matrix, "tbody", "<tbody"), "<th scope=\"row\"").Count);
        // The v7 column is the one shown below the switcher.
        Assert.Contains($"<th scope=\"col\" class=\"num selected\"><a href=\"/series/{id}?v=7\">v7</a></th>", matrix, StringComparison.Ordinal);
        // v6 16/21 became v7 17/22 when v7 put "vfio/pci: introduce CONFIG_VFIO_PCI_ZDEV_KVM" at 10/22; v4 and v5 had no patch of that title.
        Assert.Contains($"<td class=\"num cell modified\"><a href=\"/p/{V6Hooks}\" title=\"v6 16, modified\">16</a> <span class=\"mark\">~</span></td>", hooks, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"num cell modified selected\"><a href=\"/p/{V7Hooks}\" title=\"v7 17, modified\">17</a> <span class=\"mark\">~</span></td>", hooks, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/p/20220524185907.140285-18-mjrosato@linux.ibm.com\" title=\"v8 17, modified\">17</a>", hooks, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/p/20220606203325.110625-18-mjrosato@linux.ibm.com\" title=\"v9 17, modified\">17</a>", hooks, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num cell absent\" title=\"not in v5\">–</td>", hooks, StringComparison.Ordinal);
        // [PATCH v1 02/32] s390/sclp: detect the AISII facility is where the patch starts; v7 02/22 is v6 02/21 to the byte.
        Assert.Contains("<a href=\"/p/20211207205743.150299-3-mjrosato@linux.ibm.com\" title=\"v1 2, new\">2</a> <span class=\"mark\">new</span>", first, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/p/20220513191509.272897-3-mjrosato@linux.ibm.com\" title=\"v7 2, unchanged\">2</a> <span class=\"mark\">≡</span>", first, StringComparison.Ordinal);
        // [PATCH v7 21/22] is gone from v9 ("Remove patch 'KVM: s390: introduce CPU feature for zPCI Interpretation'"), so its row is not shown.
        Assert.DoesNotContain("introduce CPU feature for zPCI Interpretation", matrix, StringComparison.Ordinal);
        Assert.Matches("\\d+ patches of earlier versions did not reach v9 and are not shown\\.", Html.Text(Html.Element(html, "p", "class=\"legend\"")));
    }

    [Fact]
    public async Task Pull_request_lists_the_v9_patches_it_applied()
    {
        var html = await archive.Client.GetPageAsync($"/series/{await ZpciIdAsync()}");
        var pull = Html.Element(html, "article", "class=\"pull\"");
        var applied = Regex.Matches(pull, "<li><a href=\"/p/([^\"]+)\">([^<]+)</a>").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

        // [GIT PULL 00/42] never reached the list; [GIT PULL 01/42] .. 19/42 carry "Link: .../20220606203325.110625-<k+1>-mjrosato@linux.ibm.com",
        // all but 14/42, which is missing from the archive too.
        int[] indices = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19];
        Assert.Equal(indices.Select(i => ($"20220606203325.110625-{i + 1}-mjrosato@linux.ibm.com", $"v9 {i}/21")), applied);
        Assert.Contains("<a href=\"/t/20220721161302.156182-1-imbrenda@linux.ibm.com\">[GIT PULL 01/42] s390/sclp: detect the zPCI load/store interpretation facility</a>", pull, StringComparison.Ordinal);
        Assert.Contains("Claudio Imbrenda", pull, StringComparison.Ordinal);
        Assert.Contains("applied 18 patches", Html.Text(pull), StringComparison.Ordinal);
        Assert.Contains("v9 17/21 vfio-pci/zdev: add open/close device hooks", Html.Text(pull), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_version_of_a_known_series_is_a_404_page()
    {
        var id = await ZpciIdAsync();
        foreach (var url in new[] { $"/series/{id}?v=10", $"/series/{id}?v=0", $"/series/{id}?v=seven" })
        {
            using var response = await archive.Client.GetAsync(url, Ct);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("<h1>Not found</h1>", await Html.ReadPageAsync(response), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/series/987654")]
    [InlineData("/series/not-a-number")]
    public async Task Unknown_series_is_a_404_page(string url)
    {
        using var response = await archive.Client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Not found</h1>", await Html.ReadPageAsync(response), StringComparison.Ordinal);
    }

    static IEnumerable<string> PatchLinks(string html)
        => Regex.Matches(Html.Element(html, "table", "aria-labelledby=\"patches-heading\""), "<td class=\"title\"><a href=\"([^\"]+)\"").Select(m => m.Groups[1].Value);

    async Task<long> ZpciIdAsync()
        => (await archive.Database.Get<SeriesQueries>().ListSeriesAsync(new SeriesFilter("zpci", null, null), new PageRequest(1, 500), Ct))
            .Items.Single(s => s.Title == Zpci).Id;
}
