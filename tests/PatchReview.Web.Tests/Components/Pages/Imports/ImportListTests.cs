using System.Net;
using PatchReview.Testing;

namespace PatchReview.Web.Tests.Components.Pages.Imports;

public sealed class ImportListTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Imports_page_shows_each_import_with_its_counts()
    {
        using var response = await archive.Client.GetAsync("/imports", Ct);
        var html = await Html.ReadPageAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var zpci = Html.Element(html, "tr", $"<code>{Corpus.ZpciSeries}</code>");
        Assert.Matches("<td class=\"num\"[^>]*>621</td>\\s*<td class=\"num\"[^>]*>621</td>\\s*<td class=\"num\"[^>]*>0</td>\\s*<td class=\"num\"[^>]*>0</td>\\s*<td class=\"num\"[^>]*>0</td>", zpci);
        var handMade = Html.Element(html, "tr", $"<code>{HandMadeMail.Source}</code>");
        Assert.Matches("<td class=\"num\"[^>]*>10</td>\\s*<td class=\"num\"[^>]*>9</td>\\s*<td class=\"num\"[^>]*>0</td>\\s*<td class=\"num\"[^>]*>0</td>\\s*<td class=\"num\"[^>]*>1</td>", handMade);
    }

    [Fact]
    public async Task Imports_page_shows_rejected_mail_with_reason_source_offset_and_raw_link()
    {
        var html = await archive.Client.GetPageAsync("/imports");
        var rejected = Html.Element(html, "section", "aria-labelledby=\"rejected\"");

        Assert.Contains("not a mail message: no From, Date, Message-ID or Subject header", rejected, StringComparison.Ordinal);
        Assert.Contains($"<code>{HandMadeMail.Source}</code>", rejected, StringComparison.Ordinal);
        Assert.Matches($">{HandMadeMail.RejectedOffset}</td>", rejected);
        Assert.Matches("href=\"/api/v1/rejected/\\d+/raw\">raw</a>", rejected);
    }

    [Fact]
    public async Task A_page_number_that_is_not_a_number_is_a_400_page_saying_so()
    {
        using var response = await archive.Client.GetAsync("/imports?rejectedPage=x", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("rejectedPage is &quot;x&quot;; it must be a whole number.", await Html.ReadPageAsync(response), StringComparison.Ordinal);
    }
}
