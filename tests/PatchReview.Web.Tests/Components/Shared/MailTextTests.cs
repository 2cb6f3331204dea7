using PatchReview.Web.Components.Shared;

namespace PatchReview.Web.Tests.Components.Shared;

public sealed class MailTextTests
{
    [Fact]
    public void Quoted_lines_of_any_depth_are_one_section_apart_from_new_text()
    {
        var sections = MailText.Split("On Tue, Ann wrote:\n> first\n>> deeper\n>\n\nMy answer.\n", isFlowed: false);

        Assert.Equal(3, sections.Count);
        Assert.Equal([new MailRun(MailRunKind.Text, "On Tue, Ann wrote:")], sections[0].Runs);
        Assert.Equal((true, false, 3, "> first", ">> deeper\n>"), (sections[1].IsQuote, sections[1].Folded, sections[1].Lines, sections[1].Summary, sections[1].Rest));
        Assert.Equal([new MailRun(MailRunKind.Text, "\nMy answer.")], sections[2].Runs);
    }

    [Fact]
    public void A_long_quote_folds_all_but_its_last_four_lines()
    {
        var quote = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"> line {i}"));

        var sections = MailText.Split(quote + "\nReply.", isFlowed: false);

        Assert.Equal((true, 16, "> line 1"), (sections[0].Folded, sections[0].Lines, sections[0].Summary));
        Assert.EndsWith("> line 16", sections[0].Rest, StringComparison.Ordinal);
        Assert.Equal((false, 4, "> line 17", "> line 18\n> line 19\n> line 20"), (sections[1].Folded, sections[1].Lines, sections[1].Summary, sections[1].Rest));
        Assert.Equal("Reply.", Assert.Single(sections[2].Runs).Text);
    }

    [Fact]
    public void A_quote_of_twelve_lines_stays_open()
    {
        var quote = string.Join('\n', Enumerable.Range(1, MailText.FoldQuotesOver).Select(i => $"> {i}"));

        var section = Assert.Single(MailText.Split(quote, isFlowed: false));

        Assert.Equal((true, false, 12), (section.IsQuote, section.Folded, section.Lines));
    }

    [Fact]
    public void Diff_lines_of_a_patch_are_runs_by_kind_and_the_signature_ends_the_diff()
    {
        const string patch = """
            Add the hook.

            Signed-off-by: Ann Author <ann@example.org>
            ---
             drivers/a.c | 2 +-
            diff --git a/drivers/a.c b/drivers/a.c
            index 1111111..2222222 100644
            --- a/drivers/a.c
            +++ b/drivers/a.c
            @@ -1,3 +1,3 @@ int f(void)
             int x;
            -int y;
            +int z;
            +int w;
            --
            2.27.0
            """;

        var runs = Assert.Single(MailText.Split(patch.Replace("\n--\n", "\n-- \n", StringComparison.Ordinal), isFlowed: false)).Runs;

        Assert.Equal(
            [
                (MailRunKind.Text, "Add the hook.\n\nSigned-off-by: Ann Author <ann@example.org>\n---\n drivers/a.c | 2 +-"),
                (MailRunKind.DiffHeader, "diff --git a/drivers/a.c b/drivers/a.c\nindex 1111111..2222222 100644\n--- a/drivers/a.c\n+++ b/drivers/a.c"),
                (MailRunKind.Hunk, "@@ -1,3 +1,3 @@ int f(void)"),
                (MailRunKind.Text, " int x;"),
                (MailRunKind.Removed, "-int y;"),
                (MailRunKind.Added, "+int z;\n+int w;"),
                (MailRunKind.Signature, "-- \n2.27.0"),
            ],
            runs.Select(r => (r.Kind, r.Text)));
    }

    [Fact]
    public void Plus_and_minus_lines_outside_a_diff_are_prose()
    {
        var runs = Assert.Single(MailText.Split("Changes:\n- fixed a leak\n+ added a test\n", isFlowed: false)).Runs;

        Assert.Equal([new MailRun(MailRunKind.Text, "Changes:\n- fixed a leak\n+ added a test")], runs);
    }

    [Fact]
    public void Format_flowed_soft_breaks_are_joined_within_one_quote_depth()
    {
        // RFC 3676: a line ending in a space continues on the next line; "> " after the quote marks is space-stuffing.
        var sections = MailText.Split("> a quoted \n> paragraph\nnew \ntext\n-- \nsig\n", isFlowed: true);

        Assert.Equal("> a quoted paragraph", sections[0].Summary);
        Assert.Equal(
            [new MailRun(MailRunKind.Text, "new text"), new MailRun(MailRunKind.Signature, "-- \nsig")],
            sections[1].Runs);
    }

    [Fact]
    public void Crlf_line_ends_split_like_lf_and_trailing_blank_lines_are_dropped()
    {
        var sections = MailText.Split("Hi\r\n> q\r\n\r\nBye\r\n\r\n\r\n", isFlowed: false);

        Assert.Equal(["Hi", "> q", "\r\nBye"], sections.Select(s => s.IsQuote ? s.Summary : s.Runs[0].Text));
    }

    [Fact]
    public void Empty_body_has_no_sections()
    {
        Assert.Empty(MailText.Split("", isFlowed: false));
        Assert.Empty(MailText.Split("\n\n", isFlowed: true));
    }
}
