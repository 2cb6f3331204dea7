using System.Net;
using System.Text.RegularExpressions;

namespace PatchReview.Web.Tests.Components.Pages.Threads;

public sealed class ThreadPageTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    const string V6Cover = "20220426200842.98655-1-mjrosato@linux.ibm.com";
    const string Patch16 = "20220426200842.98655-17-mjrosato@linux.ibm.com";
    const string JasonOnPatch16 = "20220427140410.GX2125828@nvidia.com";
    const string MatthewToJason = "f6c78792-9cf7-0cde-f760-76166f9b7eb7@linux.ibm.com";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static string Article(string messageId) => $"id=\"{MessageIdPath.Anchor(messageId)}\"";

    [Fact]
    public async Task Thread_page_nests_every_reply_inside_the_message_it_answers()
    {
        using var response = await archive.Client.GetAsync("/t/" + V6Cover, Ct);
        var html = await Html.ReadPageAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var thread = await archive.Threads.GetThreadAsync(V6Cover, Ct);
        Assert.Equal(39, thread!.Messages.Count);
        foreach (var message in thread.Messages.Where(m => m.ParentMessageId is not null))
        {
            var parent = Html.Element(html, "article", Article(message.ParentMessageId!));
            Assert.Contains(Article(message.MessageId), parent, StringComparison.Ordinal);
        }
        var patch = Html.Element(html, "article", Article(Patch16));
        var jason = Html.Element(patch, "article", Article(JasonOnPatch16));
        Assert.Contains("aria-label=\"Jason Gunthorpe, 2022-04-27 14:04: Re: [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks\"", jason, StringComparison.Ordinal);
        Assert.Contains(Article(MatthewToJason), jason, StringComparison.Ordinal);
        Assert.DoesNotContain(Article("20220426200842.98655-18-mjrosato@linux.ibm.com"), patch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_message_shows_sender_date_a_link_to_its_page_and_its_body()
    {
        var html = await archive.Client.GetPageAsync("/t/" + V6Cover);
        var jason = Html.Element(html, "article", Article(JasonOnPatch16));
        var own = jason[..jason.IndexOf("class=\"replies\"", StringComparison.Ordinal)];

        Assert.Contains("Jason Gunthorpe", own, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2022-04-27T14:04:10Z\">2022-04-27 14:04</time>", own, StringComparison.Ordinal);
        Assert.Contains($"href=\"/m/{JasonOnPatch16}\"", own, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/messages/{JasonOnPatch16}/raw\"", own, StringComparison.Ordinal);
        Assert.Contains("<h3", own, StringComparison.Ordinal);
        Assert.Contains("class=\"quoted-body\"", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_is_shown_under_the_name_of_its_writer_folded_but_for_its_last_lines()
    {
        var html = await archive.Client.GetPageAsync("/t/" + V6Cover);
        var jason = Html.Element(html, "article", Article(JasonOnPatch16));
        var own = Html.Decode(jason[..jason.IndexOf("class=\"replies\"", StringComparison.Ordinal)]);

        // Jason quotes 19 lines of the patch's notifier: the first 15 fold away, the last 4 stay open above his question.
        Assert.Contains($"<p class=\"said\"><a href=\"/m/{Patch16}\">Matthew Rosato</a> wrote:</p>", own, StringComparison.Ordinal);
        Assert.Contains("<details><summary>15 quoted lines</summary><pre>+static int vfio_pci_zdev_group_notifier(struct notifier_block *nb,\n", own, StringComparison.Ordinal);
        Assert.Matches(@"</details>\s*<pre>\+\t\tif \(fn\(zdev, \(struct kvm \*\)data\)\)\n", own);
        var question = own.IndexOf("Is it possible this function can be in statically linked arch code?", StringComparison.Ordinal);
        Assert.InRange(question, own.LastIndexOf("</section>", StringComparison.Ordinal), own.Length);
    }

    [Fact]
    public async Task The_seed_reply_in_the_thread_names_the_writer_of_each_of_its_four_quote_levels()
    {
        var html = await archive.Client.GetPageAsync("/t/" + V6Cover);
        var article = Html.Element(html, "article", Article("1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com"));
        var replies = article.IndexOf("class=\"replies\"", StringComparison.Ordinal);
        var matthew = Html.Decode(replies < 0 ? article : article[..replies]);

        Assert.Equal(["4", "3", "2", "1", "1"],
            Regex.Matches(matthew, "<section class=\"quote\" data-depth=\"(\\d)\"").Select(m => m.Groups[1].Value));
        Assert.Contains($"<a href=\"/m/{MatthewToJason}\">Matthew Rosato</a> wrote:", matthew, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"new\" data-depth=\"0\">It's about trying to avoid loading unnecessary code", matthew, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thread_page_of_a_reply_shows_the_whole_thread_and_marks_the_reply()
    {
        var html = await archive.Client.GetPageAsync("/t/" + JasonOnPatch16);

        Assert.Contains("<h1>[PATCH v6 00/21] KVM: s390: enable zPCI for interpretive execution</h1>", html, StringComparison.Ordinal);
        Assert.Contains("39 messages", html, StringComparison.Ordinal);
        Assert.Matches($"<article class=\"message focus\" {Article(JasonOnPatch16)} aria-label=\"[^\"]*\" aria-current=\"true\">", html);
        Assert.Single(Regex.Matches(html, "aria-current"));
    }

    [Fact]
    public async Task Parent_never_received_is_shown_as_not_in_the_archive()
    {
        var html = Html.Text(await archive.Client.GetPageAsync("/t/" + HandMadeMail.ReplyToGhostId));

        Assert.Contains($"Message not in the archive: <{HandMadeMail.GhostParentId}>", html, StringComparison.Ordinal);
        Assert.Contains("Re: a message nobody archived", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_text_is_escaped_never_rendered_as_markup()
    {
        var html = await archive.Client.GetPageAsync("/t/" + HandMadeMail.MarkupId);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>not bold</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;mail&#x27;)&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Markup&lt;/b&gt; in a subject", html, StringComparison.Ordinal);
        Assert.Contains("Jürgen Groß", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/t/no-such-thread@example.org")]
    [InlineData("/t/")]
    public async Task Unknown_thread_is_a_404_page(string url)
    {
        using var response = await archive.Client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Not found</h1>", await Html.ReadPageAsync(response), StringComparison.Ordinal);
    }
}
