using PatchReview.Core.Mail;
using PatchReview.Core.Review;
using PatchReview.Core.Tests.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Review;

public sealed class ReviewThreadTests(ParsedCorpus corpus)
{
    const string Seed = "1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com";
    const string JasonSecond = "20220427150138.GA2512703@nvidia.com";
    const string MatthewFirst = "f6c78792-9cf7-0cde-f760-76166f9b7eb7@linux.ibm.com";
    const string JasonFirst = "20220427140410.GX2125828@nvidia.com";
    const string V6Patch16 = "20220426200842.98655-17-mjrosato@linux.ibm.com";
    const string ZdevFile = "drivers/vfio/pci/vfio_pci_zdev.c";

    static ThreadMail Mail(ParsedMessage m) => new(m.MessageId, m.InReplyTo.FirstOrDefault() ?? m.References.LastOrDefault(),
        m.From, m.Date, m.BodyText, m.IsFlowed, m.DelSp);

    ReviewThread Zpci() => ReviewThread.Of(corpus.Zpci.Select(Mail));

    static ThreadMail Hand(string id, string? parent, string name, string body) =>
        new(id, parent, new Person(name, name.ToLowerInvariant().Replace(' ', '.') + "@example.org"), null, body, false, false);

    [Fact]
    public void Seed_reply_resolves_each_of_its_four_quote_levels_to_the_message_that_wrote_it()
    {
        var blocks = Zpci().Quotes(Seed);

        // Read from the mail: Matthew quotes Jason's second reply, which quotes Matthew's answer, which quotes
        // Jason's first reply, which quotes the patch; Matthew's own text follows each quote he answers.
        var shape = blocks.Select(b => (b.Block.Kind, b.Block.Depth, b.SourceMessageId, b.Problem)).ToList();
        Assert.Equal(
        [
            (ReplyBlockKind.Attribution, 0, Seed, QuoteSourceProblem.None),
            (ReplyBlockKind.Attribution, 1, JasonSecond, QuoteSourceProblem.None),
            (ReplyBlockKind.Attribution, 2, MatthewFirst, QuoteSourceProblem.None),
            (ReplyBlockKind.Attribution, 3, JasonFirst, QuoteSourceProblem.None),
            (ReplyBlockKind.Text, 4, V6Patch16, QuoteSourceProblem.None),
            (ReplyBlockKind.Text, 3, JasonFirst, QuoteSourceProblem.None),
            (ReplyBlockKind.Text, 2, MatthewFirst, QuoteSourceProblem.None),
            (ReplyBlockKind.Text, 1, JasonSecond, QuoteSourceProblem.None),
            (ReplyBlockKind.Text, 0, Seed, QuoteSourceProblem.None),
            (ReplyBlockKind.Text, 1, JasonSecond, QuoteSourceProblem.None),
        ], shape);
        Assert.Equal("Jason Gunthorpe", blocks[1].Author!.Name);
        Assert.Equal("Matthew Rosato", blocks[6].Author!.Name);
        Assert.StartsWith("It's about trying to avoid loading unnecessary code", blocks[8].Block.Text, StringComparison.Ordinal);
        Assert.Contains("CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM", blocks[8].Block.Text, StringComparison.Ordinal);
        Assert.Equal("Matthew Rosato", blocks[8].Author!.Name);
    }

    [Fact]
    public void A_quote_trimmed_and_rewrapped_by_the_replier_still_finds_its_source()
    {
        // Jason re-wrapped Matthew's flowed paragraph and cut its middle without a mark ("...KVM usecase\nare not specific").
        var quoted = Zpci().Quotes(JasonSecond).Where(b => b.Block.Depth == 1 && b.Block.Kind == ReplyBlockKind.Text).ToList();

        var answer = Assert.Single(quoted, b => b.Block.Text.StartsWith("zPCI devices", StringComparison.Ordinal));
        Assert.Equal(MatthewFirst, answer.SourceMessageId);
    }

    [Fact]
    public void Jason_asks_about_symbol_get_on_the_last_line_he_quoted_of_16_21_and_the_answers_sit_below_him()
    {
        var comments = Zpci().CommentsOn(V6Patch16);

        var question = Assert.Single(comments, c => c.MessageId == JasonFirst);
        // Hand-counted in the hunk "@@ -136,3 +137,52 @@": the quote ends at "+\t\tsymbol_put(kvm_s390_pci_register_kvm);", new line 159.
        Assert.Equal((CommentTarget.Diff, ZdevFile, DiffSide.New, 159), (question.Anchor.Target, question.Anchor.File, question.Anchor.Side, question.Anchor.Line));
        Assert.Equal("+\t\tsymbol_put(kvm_s390_pci_register_kvm);", question.Anchor.AnchorText);
        Assert.True(question.Anchor.ByContent); // his quote starts at "+static int", without the hunk header
        Assert.StartsWith("Is it possible this function can be in statically linked arch code?", question.Text, StringComparison.Ordinal);

        var answers = comments.Where(c => c.RepliesTo is not null).ToList();
        Assert.Contains(answers, c => c.MessageId == MatthewFirst && c.RepliesTo == JasonFirst && c.Anchor.Line == 159);
        Assert.Contains(answers, c => c.MessageId == Seed && c.Anchor.Line == 159 && c.Text.Contains("CONFIG_VFIO_PCI_ZDEV_KVM", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_lines_quoted_without_headers_anchor_by_content()
    {
        const string patch = """
            Add a helper.

            Signed-off-by: A Author <a.author@example.org>
            ---
             lib/x.c | 3 ++-
             1 file changed, 2 insertions(+), 1 deletion(-)

            diff --git a/lib/x.c b/lib/x.c
            index 1111111..2222222 100644
            --- a/lib/x.c
            +++ b/lib/x.c
            @@ -10,4 +10,5 @@ int f(void)
             {
            -	return 0;
            +	int ret = g();
            +	return ret;
             }
            """;
        var reply = """
            On Mon, A Author wrote:
            > +	int ret = g();
            > +	return ret;

            Why not return g() directly?

            > -	return 0;

            Dropping this changes the error path.
            """;
        var thread = ReviewThread.Of([Hand("p", null, "A Author", patch), Hand("r", "p", "B Reviewer", reply)]);

        var comments = thread.CommentsOn("p");

        Assert.Equal(2, comments.Count);
        Assert.Equal(("lib/x.c", DiffSide.New, 12, true), (comments[0].Anchor.File, comments[0].Anchor.Side, comments[0].Anchor.Line, comments[0].Anchor.ByContent));
        Assert.Equal(("lib/x.c", DiffSide.Old, 11), (comments[1].Anchor.File, comments[1].Anchor.Side, comments[1].Anchor.Line));
    }

    [Fact]
    public void A_long_line_wrapped_by_the_replier_s_mailer_still_anchors()
    {
        const string patch = "Subject line body.\n---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,1 +1,2 @@\n int a;\n+static int really_long_function_name(struct some_type *argument_one, unsigned long argument_two);\n";
        const string reply = "> +static int really_long_function_name(struct some_type *argument_one,\n> unsigned long argument_two);\n\nThe name is too long for what it does.\n";
        var thread = ReviewThread.Of([Hand("p", null, "A Author", patch), Hand("r", "p", "B Reviewer", reply)]);

        var comment = Assert.Single(thread.CommentsOn("p"));

        Assert.Equal(("a.c", 2), (comment.Anchor.File, comment.Anchor.Line));
    }

    [Fact]
    public void Quoting_the_commit_message_anchors_to_its_line_and_unquoted_text_is_general()
    {
        const string patch = "First line of the message.\nSecond line explains why.\n\nSigned-off-by: A Author <a@example.org>\n---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1 @@\n-int a;\n+int b;\n";
        const string reply = "Overall this looks right to me.\n\n> Second line explains why.\n\nIt does not say why b is better than a.\n";
        var thread = ReviewThread.Of([Hand("p", null, "A Author", patch), Hand("r", "p", "B Reviewer", reply)]);

        var comments = thread.CommentsOn("p");

        Assert.Equal([CommentTarget.General, CommentTarget.CommitMessage], comments.Select(c => c.Anchor.Target));
        Assert.Equal(2, comments[1].Anchor.Line);
    }

    [Fact]
    public void A_quote_of_a_message_outside_the_archive_is_marked_not_in_archive_and_a_made_up_one_no_match()
    {
        var thread = ReviewThread.Of(
        [
            Hand("p", null, "A Author", "Some patch text here.\n"),
            Hand("r1", "missing", "B Reviewer", "> words nobody here wrote at all\n\nAgreed with that.\n"),
            Hand("r2", "p", "C Reviewer", "> words nobody here wrote at all\n\nHmm, who said that?\n"),
        ]);

        Assert.Equal(QuoteSourceProblem.NotInArchive, thread.Quotes("r1")[0].Problem);
        Assert.Equal(QuoteSourceProblem.NoMatch, thread.Quotes("r2")[0].Problem);
        Assert.Null(thread.Quotes("r2")[0].SourceMessageId);
    }

    [Fact]
    public void A_top_posted_reply_attributes_the_whole_message_below_it()
    {
        var thread = ReviewThread.Of(
        [
            Hand("p", null, "A Author", "The patch explains the change in detail here.\n"),
            Hand("r", "p", "B Reviewer", "Looks fine, applied.\n\nOn Mon, A Author wrote:\n> The patch explains the change in detail here.\n"),
        ]);

        var blocks = thread.Quotes("r");

        Assert.Equal("p", blocks.Single(b => b.Block.Depth == 1).SourceMessageId);
        Assert.Equal(CommentTarget.General, Assert.Single(thread.CommentsOn("p")).Anchor.Target);
    }

    [Fact]
    public void Jason_s_symbol_get_comment_has_its_anchor_removed_in_v7_while_an_untouched_line_stays_unchanged()
    {
        var thread = Zpci();
        var question = thread.CommentsOn(V6Patch16).Single(c => c.MessageId == JasonFirst);
        // v7 17/22 is the successor of v6 16/21; it calls kvm_s390_pci_register_kvm() directly.
        var v7 = PatchLines.Of(corpus.Zpci.Single(m => m.MessageId == "20220513191509.272897-18-mjrosato@linux.ibm.com").BodyText);
        var include = new CommentAnchor(CommentTarget.Diff, ZdevFile, DiffSide.New, 14, "+#include <linux/kvm_host.h>",
            ["#include<linux/vfio_zdev.h>", "+#include<linux/kvm_host.h>"], false);

        Assert.Equal(CommentStatus.AnchorRemoved, CommentFollower.Follow(question.Anchor, v7, sameCode: false));
        Assert.Equal(CommentStatus.Unchanged, CommentFollower.Follow(include, v7, sameCode: false));
        Assert.Equal(CommentStatus.PatchDropped, CommentFollower.Follow(question.Anchor, null, sameCode: false));
    }

    [Fact]
    public void A_line_that_stands_several_times_in_a_patch_is_found_at_each_place_in_order()
    {
        // Positions 0 and 1 are the commit message's lines (the blank one has no key), then the diff's: "x;" is 2,
        // "+return 0;" 3, "y;" 4 and "+return 0;" again 5.
        var lines = PatchLines.Of("Fix it.\n\nreturn 0;\n---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,2 +1,4 @@\n x;\n+return 0;\n y;\n+return 0;\n");

        Assert.Equal(["Fixit.", "return0;", "x;", "+return0;", "y;", "+return0;"], lines.Lines.Select(l => l.Key));
        Assert.Equal([3, 5], Positions(lines, "+return0;"));
        Assert.Equal([1], Positions(lines, "return0;"));
        Assert.Empty(Positions(lines, "-return0;"));
        Assert.Equal(4, lines.DiffLineCount);

        static List<int> Positions(PatchLines lines, string key)
        {
            var found = new List<int>();
            foreach (var position in lines.PositionsOf(key))
            {
                found.Add(position);
            }
            return found;
        }
    }

    [Fact]
    public void A_rewritten_anchor_line_is_changed_at_anchor()
    {
        var anchor = DiffQuote.Anchor("+\tint ret = compute(a, b);", PatchLines.Of("m\n---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1,2 @@\n x;\n+\tint ret = compute(a, b);\n"))!;
        var later = PatchLines.Of("m\n---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1,2 @@\n x;\n+\tlong ret = compute(a, b, c);\n");

        Assert.Equal(CommentStatus.ChangedAtAnchor, CommentFollower.Follow(anchor, later, sameCode: false));
    }

    [Fact]
    public void Jason_s_questions_on_16_21_are_answered_by_Matthew_s_replies_below_them()
    {
        var thread = Zpci();
        var comments = thread.CommentsOn(V6Patch16);

        var questions = thread.QuestionsOn(V6Patch16, comments, _ => null).Where(q => q.MessageId is JasonFirst or JasonSecond).ToList();

        // Read from the mail: two questions in Jason's first reply, three in his second; Matthew answered each below.
        Assert.Equal(
        [
            (JasonFirst, "Is it possible this function can be in statically linked arch code?", MatthewFirst),
            (JasonFirst, "Or, actually, is zPCI useful anyhow without kvm ie can you just have a direct dependency here?", MatthewFirst),
            (JasonSecond, "I'm a bit confused, what is the drawback of just having a direct symbol dependency here?", Seed),
            (JasonSecond, "It means vfio loads a little extra kernel module code, but is that really a big worry given almost all vfio users on s390 will be using it with kvm?", Seed),
            (JasonSecond, "Or is there some technical blocker?", Seed),
        ], questions.Select(q => (q.MessageId, q.Text, q.AnsweredBy)));
        Assert.DoesNotContain(thread.QuestionsOn(V6Patch16, comments, _ => null), q => q.Author.Name == "Matthew Rosato");
    }

    [Fact]
    public void Lines_quoted_with_a_bar_are_a_quote_of_the_message_that_wrote_them_not_the_sender_s_text()
    {
        var thread = ReviewThread.Of(
        [
            Hand("p", null, "A Author", "The first sentence of the patch.\nThe second sentence of the patch.\n"),
            Hand("r", "p", "B Reviewer", "| The first sentence of the patch.\n| The second sentence of the patch.\n\nBoth sentences read well to me.\n"),
        ]);

        var blocks = thread.Quotes("r");

        Assert.Equal([(1, "p"), (0, "r")], blocks.Select(b => (b.Block.Depth, b.SourceMessageId!)));
    }

    [Fact]
    public void Outlook_headers_over_a_deeper_quote_and_a_lone_cut_belong_to_the_text_around_them()
    {
        var thread = ReviewThread.Of(
        [
            Hand("p", null, "A Author", "The patch adds a lock around the table walk.\n"),
            Hand("r1", "p", "B Reviewer", "On Mon, A Author wrote:\n> The patch adds a lock around the table walk.\n\nWhy is the lock needed here?\n"),
            Hand("r2", "r1", "C Reader",
                "> From: B Reviewer <b.reviewer@example.org>\n> Sent: Monday, March 14, 2022 9:52 PM\n>\n>> The patch adds a lock around the table walk.\n"
                + ">\n> [...]\n>\n> Why is the lock needed here?\n\nThe walk races with unmap.\n"),
        ]);

        var blocks = thread.Quotes("r2");

        var headers = blocks[0];
        Assert.Equal((ReplyBlockKind.Attribution, 1, "B Reviewer", "r1"), (headers.Block.Kind, headers.Block.Depth, headers.Block.Author, headers.SourceMessageId));
        Assert.Equal("p", blocks.Single(b => b.Block.Depth == 2).SourceMessageId);
        Assert.All(blocks.Where(b => b.Block.Depth == 1), b => Assert.Equal("r1", b.SourceMessageId));
    }

    [Fact]
    public void A_reply_quoting_the_whole_patch_with_one_line_below_is_a_general_comment()
    {
        var added = string.Concat(Enumerable.Range(1, 12).Select(i => $"+int value_{i} = {i};\n"));
        var patch = $"Add twelve values.\n---\ndiff --git a/v.c b/v.c\n--- a/v.c\n+++ b/v.c\n@@ -1,1 +1,13 @@\n int first;\n{added}";
        var reply = "On Mon, A Author wrote:\n" + string.Concat(patch.Split('\n').Where(l => l.Length > 0).Select(l => "> " + l + "\n"))
            + "\nApplied to the s390 tree, thanks.\n";
        var thread = ReviewThread.Of([Hand("p", null, "A Author", patch), Hand("r", "p", "B Reviewer", reply)]);

        var comment = Assert.Single(thread.CommentsOn("p"));

        Assert.Equal(CommentTarget.General, comment.Anchor.Target);
    }

    /// <summary>
    /// Every inline review of a patch in the zPCI v6 and v7 threads (replies to a [PATCH v6 k/21] or [PATCH v7 k/22]
    /// mail that write below quoted lines of it), each anchor read from the mail and counted in the patch's hunks by hand.
    /// </summary>
    static readonly (string Patch, string Reply, string Target, string? File, string? Side, int Line)[] V6V7InlineReviews =
    [
        ("20220426200842.98655-12-mjrosato@linux.ibm.com", "f1d3896e-d6a5-e90f-c633-e670834d1765@linux.ibm.com", "diff", "arch/s390/kvm/pci.c", "new", 25),
        ("20220426200842.98655-13-mjrosato@linux.ibm.com", "c515a641-f250-44a7-4f84-e98836fe8413@linux.ibm.com", "diff", "arch/s390/kvm/interrupt.c", "new", 3350),
        ("20220426200842.98655-14-mjrosato@linux.ibm.com", "02b06642-4bc4-e388-1dd7-6b28a85458c7@linux.ibm.com", "diff", "arch/s390/kvm/kvm-s390.c", "new", 1044),
        ("20220426200842.98655-15-mjrosato@linux.ibm.com", "28395b98-3489-342a-970a-5358e4405f22@linux.ibm.com", "diff", "arch/s390/kvm/pci.c", "new", 218),
        ("20220426200842.98655-16-mjrosato@linux.ibm.com", "20220427151400.GY2125828@nvidia.com", "diff", "arch/s390/kvm/pci.c", "new", 563),
        ("20220426200842.98655-16-mjrosato@linux.ibm.com", "20220427151400.GY2125828@nvidia.com", "diff", "arch/s390/kvm/pci.c", "new", 582),
        ("20220426200842.98655-17-mjrosato@linux.ibm.com", "20220427140410.GX2125828@nvidia.com", "diff", "drivers/vfio/pci/vfio_pci_zdev.c", "new", 159),
        ("20220513191509.272897-11-mjrosato@linux.ibm.com", "20220516165953.GD1343366@nvidia.com", "diff", "drivers/vfio/pci/Kconfig", "new", 56),
        ("20220513191509.272897-15-mjrosato@linux.ibm.com", "68a5e0c8-2dd9-a8a2-0333-fef95b2e2dfc@redhat.com", "diff", "arch/s390/kvm/kvm-s390.c", "new", 1054),
        ("20220513191509.272897-18-mjrosato@linux.ibm.com", "20220516172734.GE1343366@nvidia.com", "diff", "drivers/vfio/pci/vfio_pci_zdev.c", "new", 152),
        ("20220513191509.272897-18-mjrosato@linux.ibm.com", "20220516172734.GE1343366@nvidia.com", "diff", "drivers/vfio/pci/vfio_pci_zdev.c", "new", 155),
        ("20220513191509.272897-18-mjrosato@linux.ibm.com", "20220516172734.GE1343366@nvidia.com", "diff", "drivers/vfio/pci/vfio_pci_zdev.c", "new", 174),
        ("20220513191509.272897-21-mjrosato@linux.ibm.com", "7b13aca2-fb3e-3b84-8d3d-e94966fac5f2@redhat.com", "commit-message", null, null, 2),
        ("20220513191509.272897-21-mjrosato@linux.ibm.com", "7b13aca2-fb3e-3b84-8d3d-e94966fac5f2@redhat.com", "diff", "Documentation/virt/kvm/api.rst", "new", 5653),
        ("20220513191509.272897-21-mjrosato@linux.ibm.com", "7b13aca2-fb3e-3b84-8d3d-e94966fac5f2@redhat.com", "diff", "Documentation/virt/kvm/api.rst", "new", 5662),
        ("20220513191509.272897-21-mjrosato@linux.ibm.com", "7b13aca2-fb3e-3b84-8d3d-e94966fac5f2@redhat.com", "diff", "Documentation/virt/kvm/api.rst", "new", 5670),
        ("20220513191509.272897-21-mjrosato@linux.ibm.com", "7b13aca2-fb3e-3b84-8d3d-e94966fac5f2@redhat.com", "diff", "Documentation/virt/kvm/api.rst", "new", 5692),
        ("20220513191509.272897-21-mjrosato@linux.ibm.com", "7b13aca2-fb3e-3b84-8d3d-e94966fac5f2@redhat.com", "diff", "arch/s390/kvm/kvm-s390.c", "new", 625),
        ("20220513191509.272897-21-mjrosato@linux.ibm.com", "7b13aca2-fb3e-3b84-8d3d-e94966fac5f2@redhat.com", "diff", "arch/s390/kvm/kvm-s390.c", "new", 2656),
        ("20220513191509.272897-21-mjrosato@linux.ibm.com", "7b13aca2-fb3e-3b84-8d3d-e94966fac5f2@redhat.com", "diff", "arch/s390/kvm/pci.c", "new", 626),
        ("20220513191509.272897-21-mjrosato@linux.ibm.com", "7b13aca2-fb3e-3b84-8d3d-e94966fac5f2@redhat.com", "diff", "arch/s390/kvm/pci.c", "new", 653),
        ("20220513191509.272897-21-mjrosato@linux.ibm.com", "7b13aca2-fb3e-3b84-8d3d-e94966fac5f2@redhat.com", "diff", "include/uapi/linux/kvm.h", "new", 2073),
    ];

    [Fact]
    public void Every_inline_review_of_zpci_v6_and_v7_anchors_to_the_line_read_from_the_mail()
    {
        var thread = Zpci();
        var parents = corpus.Zpci.ToDictionary(m => m.MessageId, m => m.InReplyTo.FirstOrDefault());
        var patches = corpus.Zpci.Select(m => m.MessageId)
            .Where(id => (id.StartsWith("20220426200842.98655-", StringComparison.Ordinal) || id.StartsWith("20220513191509.272897-", StringComparison.Ordinal))
                && !id.Contains("-1-mjrosato", StringComparison.Ordinal));

        var actual = patches.SelectMany(patch => thread.CommentsOn(patch)
                .Where(c => parents[c.MessageId] == patch && c.RepliesTo is null && c.Anchor.Target != CommentTarget.General)
                .Select(c => (patch, c.MessageId, c.Anchor.Target == CommentTarget.Diff ? "diff" : "commit-message", c.Anchor.File,
                    c.Anchor.Side switch { DiffSide.New => "new", DiffSide.Old => "old", _ => (string?)null }, c.Anchor.Line ?? 0)))
            .Order().ToList();

        Assert.Equal(V6V7InlineReviews.Order(), actual);
    }

    [Theory]
    [InlineData("[...]")]
    [InlineData("[ ... ]")]
    [InlineData("<snip>")]
    [InlineData("[snip]")]
    [InlineData("...")]
    public void Trim_marks_are_recognised(string line) => Assert.True(QuoteAttributor.IsTrimMark(line));

    [Theory]
    [InlineData("+\tfn = symbol_get(kvm_s390_pci_register_kvm);", "+fn=symbol_get(kvm_s390_pci_register_kvm);")]
    [InlineData("  return   0 ;\r", "return0;")]
    [InlineData("}", "}")]
    [InlineData(" \t ", "")]
    [InlineData("no\u00A0break\u2003em\u0085next\u007Fdel", "nobreakemnext\u007Fdel")]
    public void A_line_s_key_is_the_line_without_white_space(string line, string key) => Assert.Equal(key, QuoteAttributor.Key(line));

    [Fact]
    public void A_line_longer_than_the_stack_buffer_is_keyed_whole()
    {
        var line = string.Concat(Enumerable.Repeat("\tword ", 200));

        Assert.Equal(string.Concat(Enumerable.Repeat("word", 200)), QuoteAttributor.Key(line));
    }

    [Fact]
    public void A_line_without_white_space_is_its_own_key()
    {
        const string line = "symbol_put(kvm_s390_pci_register_kvm);";

        Assert.Same(line, QuoteAttributor.Key(line));
    }
}
