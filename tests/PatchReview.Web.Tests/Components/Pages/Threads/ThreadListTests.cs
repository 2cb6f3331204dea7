using System.Net;

namespace PatchReview.Web.Tests.Components.Pages.Threads;

public sealed class ThreadListTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    const string Zpci = "linux-s390.vger.kernel.org";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Home_page_lists_threads_newest_activity_first_with_links_to_their_pages()
    {
        using var response = await archive.Client.GetAsync($"/?list={Zpci}", Ct);
        var html = await Html.ReadPageAsync(response);
        var rows = Html.Element(html, "tbody", "<tbody");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newest = rows.IndexOf("href=\"/t/20220830083250.25720-1-frankja@linux.ibm.com\"", StringComparison.Ordinal);
        var v6 = rows.IndexOf("href=\"/t/20220426200842.98655-1-mjrosato@linux.ibm.com\">[PATCH v6 00/21] KVM: s390: enable zPCI for interpretive execution</a>", StringComparison.Ordinal);
        Assert.InRange(newest, 0, v6);
        var v6Row = Html.Element(rows, "tr", "href=\"/t/20220426200842.98655-1-mjrosato@linux.ibm.com\"");
        Assert.Contains("<td class=\"num\"", v6Row, StringComparison.Ordinal);
        Assert.Contains(">39</td>", v6Row, StringComparison.Ordinal);
        Assert.Contains("2022-05-06 16:02", v6Row, StringComparison.Ordinal);
        Assert.Contains("Jason Gunthorpe", v6Row, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"pager\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filter_form_is_a_get_form_and_its_values_stay_in_the_url()
    {
        var html = await archive.Client.GetPageAsync($"/?list={HandMadeMail.List}&since=2022-09-01");

        Assert.Contains("<form method=\"get\" action=\"/\"", html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{HandMadeMail.List}\" selected", html, StringComparison.Ordinal);
        Assert.Contains("name=\"since\" value=\"2022-09-01\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/t/{HandMadeMail.MarkupId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("mjrosato", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_link_to_older_threads_keeping_the_filter()
    {
        var html = await archive.Client.GetPageAsync($"/?list={Zpci}&pageSize=10");
        var second = await archive.Client.GetPageAsync($"/?list={Zpci}&pageSize=10&page=2");

        Assert.Contains($"href=\"/?list={Zpci}&amp;page=2&amp;pageSize=10\" rel=\"next\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/?list={Zpci}&amp;pageSize=10\" rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.Contains("11–20 of 32", Html.Text(second), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?page=abc", "page is \"abc\"; it must be a whole number.")]
    [InlineData("/?pageSize=501", "pageSize must be between 1 and 500; it is 501.")]
    [InlineData("/?since=soon", "since is \"soon\", which is not an ISO 8601 date or time such as 2022-04-27 or 2022-04-27T15:26:40Z.")]
    public async Task Bad_filter_or_page_is_a_400_page_saying_what_is_wrong(string url, string message)
    {
        using var response = await archive.Client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, Html.Text(await Html.ReadPageAsync(response)), StringComparison.Ordinal);
    }
}
