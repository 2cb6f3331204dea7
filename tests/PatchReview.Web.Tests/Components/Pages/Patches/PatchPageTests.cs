using System.Net;
using System.Text.RegularExpressions;
using PatchReview.Data.Queries;

namespace PatchReview.Web.Tests.Components.Pages.Patches;

public sealed class PatchPageTests(ArchiveFixture archive, HandMadeSeriesArchive greet)
    : IClassFixture<ArchiveFixture>, IClassFixture<HandMadeSeriesArchive>
{
    const string Zpci = "KVM: s390: enable zPCI for interpretive execution";
    // vfio-pci/zdev: add open/close device hooks, as [PATCH v6 16/21], [PATCH v7 17/22], [PATCH v8 17/22] and [PATCH v9 17/21].
    const string V6Hooks = "20220426200842.98655-17-mjrosato@linux.ibm.com";
    const string V7Hooks = "20220513191509.272897-18-mjrosato@linux.ibm.com";
    const string V8Hooks = "20220524185907.140285-18-mjrosato@linux.ibm.com";
    const string V9Hooks = "20220606203325.110625-18-mjrosato@linux.ibm.com";
    // [GIT PULL 17/42], the v9 patch re-sent by Claudio Imbrenda.
    const string PullHooks = "20220721161302.156182-18-imbrenda@linux.ibm.com";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Jason_s_comment_sits_under_the_last_line_he_quoted_with_its_fate_in_v7_to_v9_and_the_answers_below()
    {
        var html = Html.Decode(await archive.Client.GetPageAsync("/p/" + V6Hooks));
        var zdev = Html.Element(html, "section", "aria-label=\"drivers/vfio/pci/vfio_pci_zdev.c, modified");

        // Jason quoted new lines 141-159, symbol_get at 152 through symbol_put at 159; his question follows line 159.
        var symbolGet = zdev.IndexOf("fn = symbol_get(kvm_s390_pci_register_kvm);", StringComparison.Ordinal);
        var symbolPut = zdev.IndexOf("symbol_put(kvm_s390_pci_register_kvm);", StringComparison.Ordinal);
        var comments = zdev.IndexOf("<tr class=\"comments\">", StringComparison.Ordinal);
        Assert.InRange(symbolGet, 0, symbolPut);
        Assert.Equal(comments, zdev.IndexOf("<tr", symbolPut, StringComparison.Ordinal));
        var thread = Html.Element(zdev, "tr", "class=\"comments\"");
        Assert.Contains("aria-label=\"Comment by Jason Gunthorpe\"", thread, StringComparison.Ordinal);
        Assert.Contains("Is it possible this function can be in statically linked arch code?", thread, StringComparison.Ordinal);
        Assert.Contains("href=\"/m/20220427140410.GX2125828@nvidia.com\">mail</a>", thread, StringComparison.Ordinal);
        Assert.Contains(">v7: lines removed</span>", thread, StringComparison.Ordinal);
        Assert.Contains(">v9: lines removed</span>", thread, StringComparison.Ordinal);
        Assert.Contains("class=\"comment reply\" aria-label=\"Comment by Matthew Rosato\"", thread, StringComparison.Ordinal);
        Assert.Contains("CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM", thread, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_page_shows_title_author_place_in_the_series_and_neighbours()
    {
        using var response = await archive.Client.GetAsync("/p/" + V7Hooks, Ct);
        var html = await Html.ReadPageAsync(response);
        var place = Html.Element(html, "p", "class=\"place\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 id=\"patch-title\">vfio-pci/zdev: add open/close device hooks</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Matthew Rosato <mjrosato@linux.ibm.com>", Html.Text(Html.Element(html, "p", "class=\"facts\"")), StringComparison.Ordinal);
        // Date: Fri, 13 May 2022 15:15:04 -0400
        Assert.Contains("<time datetime=\"2022-05-13T19:15:04Z\">", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/series/{await ZpciIdAsync()}?v=7\">{Zpci}</a>", place, StringComparison.Ordinal);
        Assert.Contains("v7, patch 17 of 22", Html.Text(place), StringComparison.Ordinal);
        var neighbours = Html.Element(html, "nav", "aria-label=\"Patches of v7\"");
        Assert.Contains("<a href=\"/p/20220513191509.272897-17-mjrosato@linux.ibm.com\" rel=\"prev\">← 16/22</a>", neighbours, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/p/20220513191509.272897-19-mjrosato@linux.ibm.com\" rel=\"next\">18/22 →</a>", neighbours, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/api/v1/patches/{V7Hooks}/mbox\" download>mbox</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/t/{V7Hooks}#{MessageIdPath.Anchor(V7Hooks)}\">Thread</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_page_shows_the_commit_message_notes_and_trailers_of_the_mail()
    {
        var html = Html.Decode(await archive.Client.GetPageAsync("/p/" + V7Hooks));

        Assert.Contains("<pre class=\"message\">During vfio-pci open_device, register a notifier for the zPCI device to\n"
            + "catch KVM registration.  This is needed in order to pass a special\n", html, StringComparison.Ordinal);
        Assert.Contains("During vfio-pci close_device, unregister the notifier.\n\nSigned-off-by: Matthew Rosato <mjrosato@linux.ibm.com></pre>", html, StringComparison.Ordinal);
        // The diffstat below the "---" line.
        Assert.Contains(" drivers/vfio/pci/vfio_pci_zdev.c | 54 ++++++++++++++++++++++++++++++++\n", html, StringComparison.Ordinal);
        Assert.Contains(" 4 files changed, 68 insertions(+)</pre>", html, StringComparison.Ordinal);
        var trailers = Html.Element(html, "ul", "class=\"trailers\"");
        Assert.Equal("Signed-off-by: Matthew Rosato patch", Html.Text(trailers).Trim());
    }

    [Fact]
    public async Task Diff_view_numbers_each_line_of_each_hunk_and_marks_added_lines()
    {
        var html = Html.Decode(await archive.Client.GetPageAsync("/p/" + V7Hooks));
        var diff = Html.Element(html, "div", "aria-label=\"Diff\"");
        var files = Regex.Matches(diff, "<section class=\"file\" aria-label=\"([^\"]+)\">").Select(m => m.Groups[1].Value);

        // The diffstat: pci.h 2, vfio_pci_core.c 2, vfio_pci_zdev.c 54, vfio_pci_core.h 10, nothing removed.
        Assert.Equal(
            [
                "arch/s390/include/asm/pci.h, modified, +2 −0",
                "drivers/vfio/pci/vfio_pci_core.c, modified, +2 −0",
                "drivers/vfio/pci/vfio_pci_zdev.c, modified, +54 −0",
                "include/linux/vfio_pci_core.h, modified, +10 −0",
            ],
            files);
        var zdev = Html.Element(diff, "section", "aria-label=\"drivers/vfio/pci/vfio_pci_zdev.c, modified, +54 −0\"");
        Assert.Contains("<tr class=\"hunk\"><td colspan=\"3\">@@ -136,3 +137,56 @@ int vfio_pci_info_zdev_add_caps(struct vfio_pci_core_device *vdev,</td></tr>", zdev, StringComparison.Ordinal);
        // "@@ -136,3 +137,56 @@": three lines of context (137-139), a blank line added at 140, the notifier at 141.
        Assert.Contains("<tr class=\"ctx\"><td class=\"ln\">136</td><td class=\"ln\">137</td><td class=\"code\"> </td></tr>", zdev, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"add\"><td class=\"ln\"></td><td class=\"ln\">141</td><td class=\"code\">+static int vfio_pci_zdev_group_notifier(struct notifier_block *nb,</td></tr>", zdev, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"add\"><td class=\"ln\"></td><td class=\"ln\">150</td><td class=\"code\">+\t\tif (data) {</td></tr>", zdev, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"del\"", diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_patch_in_other_versions_comes_from_its_matrix_row()
    {
        var html = await archive.Client.GetPageAsync("/p/" + V7Hooks);
        var others = Html.Element(html, "ul", "class=\"other-versions\"");
        var options = Regex.Matches(Html.Element(html, "select", "name=\"against\""), "<option value=\"([^\"]+)\"[^>]*>([^<]+)</option>")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

        Assert.Contains("<li aria-current=\"page\"><strong>v7 17/22</strong> <span class=\"change\">modified</span> (this patch)</li>", others, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/p/{V6Hooks}\">v6 16/21</a>", others, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/p/{V7Hooks}?against={V6Hooks}\" aria-label=\"Interdiff with v6 16/21\">interdiff</a>", others, StringComparison.Ordinal);
        Assert.Contains(($"{V6Hooks}", "v6 16/21"), options);
        Assert.Contains(($"{V8Hooks}", "v8 17/22"), options);
        Assert.Contains(($"{V9Hooks}", "v9 17/21"), options);
        Assert.DoesNotContain(options, o => o.Item1 == V7Hooks);
        Assert.Contains($"<form method=\"get\" action=\"/p/{V7Hooks}\" class=\"compare\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interdiff_against_v6_shows_what_v7_changed_in_the_patch_with_the_diff_view()
    {
        using var response = await archive.Client.GetAsync($"/p/{V7Hooks}?against={Uri.EscapeDataString(V6Hooks)}", Ct);
        var html = Html.Decode(await Html.ReadPageAsync(response));
        var interdiff = Html.Element(html, "section", "class=\"interdiff\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h2 id=\"interdiff-heading\">Interdiff from v6 16/21 to v7 17/22</h2>", interdiff, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{V6Hooks}\" selected>v6 16/21</option>", html, StringComparison.Ordinal);
        Assert.Contains("The commit message is the same and the code changed.", Html.Text(interdiff), StringComparison.Ordinal);
        // v6 declared "int (*fn)(struct zpci_dev *zdev, struct kvm *kvm);" and looked the function up; v7 calls it directly,
        // and unregisters the kvm on close.
        Assert.Contains("<tr class=\"del\"><td class=\"code\">-+\tint (*fn)(struct zpci_dev *zdev, struct kvm *kvm);</td></tr>", interdiff, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"add\"><td class=\"code\">++\t\tif (data) {</td></tr>", interdiff, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"add\"><td class=\"code\">++\tkvm_s390_pci_unregister_kvm(zdev);</td></tr>", interdiff, StringComparison.Ordinal);
        Assert.Contains("<section class=\"file\" aria-label=\"drivers/vfio/pci/vfio_pci_zdev.c, ", interdiff, StringComparison.Ordinal);
        // Line numbers of an interdiff count lines of the patches, so none are shown.
        Assert.DoesNotContain("class=\"ln\"", interdiff, StringComparison.Ordinal);
        Assert.DoesNotContain("COMMIT_MSG", interdiff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interdiff_against_a_later_version_reads_from_this_patch_to_that_one()
    {
        var html = await archive.Client.GetPageAsync($"/p/{V7Hooks}?against={Uri.EscapeDataString(V8Hooks)}");

        Assert.Contains("<h2 id=\"interdiff-heading\">Interdiff from v7 17/22 to v8 17/22</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"diff-view\" role=\"region\" aria-label=\"Interdiff\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_with_url_characters_in_its_id_round_trips_and_shows_its_interdiff()
    {
        var path = "/p/" + Uri.EscapeDataString(HandMadeSeries.V2Patch2);
        using var response = await greet.Client.GetAsync($"{path}?against={Uri.EscapeDataString(HandMadeSeries.V1Patch2)}", Ct);
        var html = Html.Decode(await Html.ReadPageAsync(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 id=\"patch-title\">greet: print the greeting</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"interdiff-heading\">Interdiff from v1 2/2 to v2 2/3</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"del\"><td class=\"code\">-+\tprintf(\"%s\\n\", GREETING);</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"add\"><td class=\"code\">++\tputs(GREETING);</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"{MessageIdPath.Patch(HandMadeSeries.V2Patch2)}\"", html, StringComparison.Ordinal);
        // Sam Someone passed on a Reviewed-by in Rita's name; Tom's Tested-by of v1 is stale since the patch was reworked.
        Assert.Contains("Reviewed-by: Rita Reviewer reply sender mismatch", Html.Text(Html.Element(html, "ul", "class=\"trailers\"")), StringComparison.Ordinal);
        Assert.Contains("Tested-by: Tom Tester carried from v1 stale", Html.Text(Html.Element(html, "ul", "class=\"trailers\"")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_resent_in_a_pull_request_has_its_own_page_without_a_series()
    {
        using var response = await archive.Client.GetAsync("/p/" + PullHooks, Ct);
        var html = await Html.ReadPageAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 id=\"patch-title\">vfio-pci/zdev: add open/close device hooks</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Re-sent in a pull request: this copy belongs to no version of a series.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"other-versions\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Diff\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_page_of_a_patch_links_to_its_patch_page_and_its_series_at_its_version()
    {
        var patch = Html.Element(await archive.Client.GetPageAsync("/m/" + V7Hooks), "nav", "aria-label=\"Message links\"");
        var reply = Html.Element(await archive.Client.GetPageAsync("/m/20220427140410.GX2125828@nvidia.com"), "nav", "aria-label=\"Message links\"");

        Assert.Contains($"<a href=\"/p/{V7Hooks}\">Patch</a>", patch, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/series/{await ZpciIdAsync()}?v=7\">Series</a>", patch, StringComparison.Ordinal);
        Assert.DoesNotContain(">Patch</a>", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/p/no-such-patch@example.org")]
    [InlineData("/p/")]
    // Jason Gunthorpe's reply to [PATCH v6 16/21] is a message, not a patch.
    [InlineData("/p/20220427140410.GX2125828@nvidia.com")]
    [InlineData("/p/" + V7Hooks + "?against=no-such-patch%40example.org")]
    public async Task Unknown_patch_or_interdiff_partner_is_a_404_page(string url)
    {
        using var response = await archive.Client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Not found</h1>", await Html.ReadPageAsync(response), StringComparison.Ordinal);
    }

    async Task<long> ZpciIdAsync()
        => (await archive.Database.Get<SeriesQueries>().ListSeriesAsync(new SeriesFilter("zpci", null, null), new PageRequest(1, 500), Ct))
            .Items.Single(s => s.Title == Zpci).Id;
}
