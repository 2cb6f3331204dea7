using System.Net;

namespace PatchReview.Web.Tests.Components.Pages.Messages;

public sealed class MessagePageTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    const string Reply = "1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Message_page_shows_headers_body_and_links_to_raw_parent_and_thread()
    {
        using var response = await archive.Client.GetAsync("/m/" + Reply, Ct);
        var html = await Html.ReadPageAsync(response);
        var text = Html.Text(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 id=\"message-subject\">Re: [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Matthew Rosato <mjrosato@linux.ibm.com>", text, StringComparison.Ordinal);
        Assert.Contains("2022-04-27 15:26:40 UTC (Wed, 27 Apr 2022 11:26:40 -0400)", text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/messages/{Reply}/raw\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/m/20220427150138.GA2512703@nvidia.com\">Parent</a>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/t/{Reply}#{MessageIdPath.Anchor(Reply)}\">Thread</a>", html, StringComparison.Ordinal);
        Assert.Contains("It's about trying to avoid loading unnecessary code (or at least giving a way to turn it off).", text, StringComparison.Ordinal);
        // Four quote levels, each under the name of its writer and a link to the message it was written in.
        Assert.Contains("aria-label=\"Quote level 1: Jason Gunthorpe wrote\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Quote level 2: Matthew Rosato wrote\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Quote level 3: Jason Gunthorpe wrote\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Quote level 4: Matthew Rosato wrote\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/m/20220427150138.GA2512703@nvidia.com\">Jason Gunthorpe</a> wrote:", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/m/f6c78792-9cf7-0cde-f760-76166f9b7eb7@linux.ibm.com\">Matthew Rosato</a> wrote:", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/m/20220427140410.GX2125828@nvidia.com\">Jason Gunthorpe</a> wrote:", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/m/20220426200842.98655-17-mjrosato@linux.ibm.com\">Matthew Rosato</a> wrote:", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OddIds))]
    public async Task Message_page_of_an_id_with_url_characters_round_trips(string messageId)
    {
        using var response = await archive.Client.GetAsync("/m/" + Uri.EscapeDataString(messageId), Ct);
        var text = Html.Text(await Html.ReadPageAsync(response));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<{messageId}>", text, StringComparison.Ordinal);
        Assert.Contains($"The id is {messageId}.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_message_is_a_404_page()
    {
        using var response = await archive.Client.GetAsync("/m/" + HandMadeMail.GhostParentId, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Not found</h1>", await Html.ReadPageAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "/m/")]
    [InlineData("/", "/m/")]
    [InlineData("/T/", "/t/")]
    [InlineData("/t/", "/t/")]
    [InlineData("/raw", "/api/v1/messages/")]
    public async Task Lore_permalink_redirects_to_the_message_its_thread_or_its_bytes(string suffix, string target)
    {
        foreach (var id in HandMadeMail.OddIds.Append(Reply))
        {
            using var response = await archive.NoRedirects.GetAsync("/r/" + Uri.EscapeDataString(id) + suffix, Ct);

            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            var expected = target + MessageIdPath.Encode(id) + (target.StartsWith("/api", StringComparison.Ordinal) ? "/raw" : "");
            Assert.Equal(expected, response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Permalink_lands_on_the_message_page()
    {
        var html = Html.Text(await archive.Client.GetPageAsync("/r/" + Reply + "/"));

        Assert.Contains($"<{Reply}>", html, StringComparison.Ordinal);
    }

    public static TheoryData<string> OddIds => [.. HandMadeMail.OddIds];
}
