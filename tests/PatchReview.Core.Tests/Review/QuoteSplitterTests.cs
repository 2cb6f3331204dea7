using PatchReview.Core.Review;
using PatchReview.Core.Tests.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Review;

public sealed class QuoteSplitterTests(ParsedCorpus corpus)
{
    static string Shape(IEnumerable<ReplyBlock> blocks) => string.Join("\n", blocks.Select(b =>
        $"{b.Kind}@{b.Depth}{(b.Author is null ? "" : " " + b.Author)}: {b.Text.Split('\n')[0]}"));

    [Theory]
    [InlineData("> a", 1, "a")]
    [InlineData(">> a", 2, "a")]
    [InlineData("> > a", 2, "a")]
    [InlineData("> > > a", 3, "a")]
    [InlineData(">  > a", 2, "a")]
    [InlineData(">>> a", 3, "a")]
    [InlineData("a > b", 0, "a > b")]
    [InlineData(">", 1, "")]
    public void Quote_depth_counts_markers_with_or_without_spaces_between(string line, int depth, string content)
    {
        var actual = QuoteDepth.Of(line, out var rest);

        Assert.Equal((depth, content), (actual, rest.ToString().TrimStart()));
    }

    [Theory]
    [InlineData("Plain text.\n-- \nsig", false)]
    [InlineData("diff --git a/x b/x\n+a > b\n", false)]
    [InlineData("Hi,\n\n> quoted\nnew", true)]
    [InlineData("  > indented quote", true)]
    [InlineData("| one bar line is a diagram", false)]
    [InlineData("text\n| quoted with bars\n| by a rare mailer", true)]
    public void A_message_quotes_something_when_a_line_is_quoted_or_bars_run_two_lines(string body, bool quotes)
    {
        Assert.Equal(quotes, QuoteSplitter.HasQuotedLines(body, isFlowed: false, delSp: false));
        Assert.Equal(quotes, QuoteSplitter.Split(body, isFlowed: false, delSp: false).Any(b => b.Depth > 0));
    }

    [Fact]
    public void Flowed_lines_join_within_one_depth_and_stuffing_is_removed()
    {
        const string body = "This is a \nflowed line.\n> quoted and \n> flowed.\n  stuffed\n-- \nsig";

        Assert.Equal("This is a flowed line.\n> quoted and flowed.\n stuffed\n-- \nsig\n", FlowedText.Unflow(body, delSp: false));
        Assert.Equal("This is aflowed line.\n> quoted andflowed.\n stuffed\n-- \nsig\n", FlowedText.Unflow(body, delSp: true));
    }

    [Fact]
    public void A_flowed_line_before_a_deeper_quote_ends_its_paragraph()
    {
        Assert.Equal("> a b\n>> c\n", FlowedText.Unflow("> a \n> b\n>> c", delSp: false));
        Assert.Equal("a \n> b\n", FlowedText.Unflow("a \n> b", delSp: false));
    }

    [Fact]
    public void Attribution_lines_name_who_wrote_the_quote_below_them()
    {
        const string body = """
            Jason Gunthorpe <jgg@nvidia.com> writes:
            > first

            Am 27.04.22 um 17:01 schrieb Christian Borntraeger:
            > second

            Le 27/04/2022 à 17:01, Pierre Morel a écrit :
            > third

            Quoting Thomas Huth (2022-04-27 17:01:00)
            > fourth
            """;

        Assert.Equal("""
            Attribution@0 Jason Gunthorpe: Jason Gunthorpe <jgg@nvidia.com> writes:
            Text@1: first
            Attribution@0 Christian Borntraeger: Am 27.04.22 um 17:01 schrieb Christian Borntraeger:
            Text@1: second
            Attribution@0 Pierre Morel: Le 27/04/2022 à 17:01, Pierre Morel a écrit :
            Text@1: third
            Attribution@0 Thomas Huth: Quoting Thomas Huth (2022-04-27 17:01:00)
            Text@1: fourth
            """, Shape(QuoteSplitter.Split(body, isFlowed: false, delSp: false)));
    }

    [Fact]
    public void A_line_that_looks_like_an_attribution_without_a_quote_below_is_text()
    {
        var blocks = QuoteSplitter.Split("Somebody wrote:\nnothing quoted here\n", isFlowed: false, delSp: false);

        Assert.Equal("Text@0: Somebody wrote:", Shape(blocks));
    }

    [Fact]
    public void The_signature_runs_to_the_end()
    {
        var blocks = QuoteSplitter.Split("> q\n\nthanks\n-- \nAnn\n> not a quote of the thread\n", isFlowed: false, delSp: false);

        Assert.Equal("Text@1: q\nText@0: thanks\nSignature@0: -- ", Shape(blocks));
        Assert.EndsWith("not a quote of the thread", blocks[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_reply_from_Matthew_Rosato_quotes_four_levels_under_their_attributions()
    {
        var reply = Assert.Single(corpus.Zpci, m => m.MessageId == "1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com");

        var blocks = QuoteSplitter.Split(reply.BodyText, reply.IsFlowed, reply.DelSp);

        // Read from the mail: Jason (depth 1) quoting Matthew (2) quoting Jason (3) quoting the patch (4); Matthew's
        // answer to Jason's question at depth 2, Jason's reply at depth 1, then Matthew's new text, then Jason's
        // closing quote. Only Matthew's own lines are flowed; the quoted ones keep their hard breaks.
        Assert.Equal("""
            Attribution@0 Jason Gunthorpe: On 4/27/22 11:01 AM, Jason Gunthorpe wrote:
            Attribution@1 Matthew Rosato: On Wed, Apr 27, 2022 at 10:42:07AM -0400, Matthew Rosato wrote:
            Attribution@2 Jason Gunthorpe: On 4/27/22 10:04 AM, Jason Gunthorpe wrote:
            Attribution@3 Matthew Rosato: On Tue, Apr 26, 2022 at 04:08:37PM -0400, Matthew Rosato wrote:
            Text@4: +static int vfio_pci_zdev_group_notifier(struct notifier_block *nb,
            Text@3: Is it possible this function can be in statically linked arch code?
            Text@2: zPCI devices (zpci_dev) exist regardless of whether kvm is configured or
            Text@1: I'm a bit confused, what is the drawback of just having a direct
            Text@0: It's about trying to avoid loading unnecessary code (or at least giving a way to turn it off).
            Text@1: Or is there some technical blocker? (circular dep or something?)
            """, Shape(blocks));
        Assert.Contains("I can use e.g. CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM in this series.", blocks[8].Text, StringComparison.Ordinal);
        Assert.EndsWith("Jason", blocks[9].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_message_of_both_archives_splits_into_blocks_that_carry_no_quote_markers()
    {
        foreach (var message in corpus.Zpci.Concat(corpus.LinuxS390))
        {
            var blocks = QuoteSplitter.Split(message.BodyText, message.IsFlowed, message.DelSp);

            Assert.All(blocks.Where(b => b.Kind != ReplyBlockKind.Signature), b => Assert.DoesNotContain(
                b.Text.Split('\n'), line => QuoteDepth.Of(line, out _) > 0));
        }
    }
}
