using PatchReview.Core.Diffs;
using Xunit;
using static PatchReview.Core.Tests.Diffs.DiffFixtures;

namespace PatchReview.Core.Tests.Diffs;

/// <summary>Every expected id here was printed by <c>git patch-id --stable</c> (git 2.39.5) for the same text.</summary>
public sealed class PatchIdTests
{
    const string Simple = "145e3cc0dc6c33a0fe33b1599033369dd88e1a5a";

    [Theory]
    [InlineData("rename.mbox", "5b79889b3b56e9d7f3fae695e0b2c564277c2c2a")]
    [InlineData("copy.mbox", "ab6be486af98fc0364b719aaf6c20842bb0d50ff")]
    [InlineData("mode-change.mbox", "0ee1ac4dd475ce95812690ef0b3ee3ef8cd07bbb")]
    [InlineData("new-and-deleted-file.mbox", "555522ec90563d64ed41973fe478be041d770d8e")]
    [InlineData("binary-and-quoted-paths.mbox", "e096622e9b1fc00060590503a2a24b0981a060e1")]
    [InlineData("binary-files-differ.mbox", "0b27e2413e45240cb536d29aa12191b58bdb06ff")]
    [InlineData("no-newline-at-end.mbox", "af58424a6b53897ee5a43ee7e9a7d5121e4a9e12")]
    public void Format_patch_output_gets_the_id_git_printed_for_it(string fixture, string id)
    {
        Assert.Equal(id, PatchId.Compute(Text(fixture)));
        Assert.Equal(id, PatchId.Compute(PatchBody.Split(Body(fixture)).Diff));
    }

    [Fact]
    public void Line_numbers_blob_names_and_white_space_do_not_change_the_id()
    {
        Assert.Equal(Simple, PatchId.Compute(Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+b")));
        Assert.Equal(Simple, PatchId.Compute(Lines(
            "diff --git a/x b/x", "index 9999999..8888888 100644", "--- a/x", "+++ b/x", "@@ -70 +71 @@ int f(void)", "- a", "+\tb  ")));
        Assert.Equal(Simple, PatchId.Compute("diff --git a/x b/x\r\n--- a/x\r\n+++ b/x\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n"));
        Assert.Equal(Simple, PatchId.Compute("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b"));
    }

    [Fact]
    public void A_nul_ends_its_line_as_it_does_for_git()
    {
        Assert.Equal(Simple, PatchId.Compute(Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+b\0 junk after the NUL")));
    }

    [Fact]
    public void A_form_feed_is_no_white_space_to_git()
    {
        Assert.Equal("6b335f2afc26a7f8a6d499db0cd3e834be348ce9",
            PatchId.Compute(Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+\fb")));
    }

    [Fact]
    public void Non_ascii_text_is_hashed_as_utf8()
    {
        Assert.Equal("1a5f5199a7c7c05191afa797837e64cfdd2c6280",
            PatchId.Compute(Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-Grüße", "+\u00a0café \U0001F600")));
    }

    [Fact]
    public void The_order_of_files_does_not_change_the_stable_id()
    {
        var body = Body("new-and-deleted-file.mbox");
        var diff = GitDiff.Parse(PatchBody.Split(body).Diff);
        var swapped = string.Concat(diff.Files[1].Text.ToString(), "\n", diff.Files[0].Text.ToString(), "\n");

        Assert.Equal("555522ec90563d64ed41973fe478be041d770d8e", PatchId.Compute(swapped));
    }

    [Fact]
    public void An_empty_context_line_stripped_by_a_mailer_changes_the_id_as_it_does_for_git()
    {
        string Patch(string blank) => Lines(
            "diff --git a/x b/x", "index 1111111..2222222 100644", "--- a/x", "+++ b/x",
            "@@ -1,3 +1,3 @@", " a", blank, "-b", "+c", "@@ -10,2 +10,2 @@", "-d", "+e",
            "diff --git a/y b/y", "--- a/y", "+++ b/y", "@@ -1 +1 @@", "-f", "+g");

        Assert.Equal("3d6a24b9c64854a6d91dc96b14d0e10d248f8c6b", PatchId.Compute(Patch(" ")));
        // git counts "" as neither side, so the hunk never closes: the next "@@" and the next file are hashed as its lines.
        Assert.Equal("9858749456e8cce95ee1d040bb9093ff4b2d0ef9", PatchId.Compute(Patch("")));
    }

    [Fact]
    public void A_removed_line_reading_dash_space_is_hashed_and_the_signature_is_not()
    {
        Assert.Equal("70288587ec4ba76e9e5d34086c6324d8a3e1fc93", PatchId.Compute(Lines(
            "diff --git a/x b/x", "index 1111111..2222222 100644", "--- a/x", "+++ b/x",
            "@@ -1,3 +1,2 @@", " a", "-- ", " b", "-- ", "2.35.1")));
    }

    [Fact]
    public void A_hunk_shorter_than_its_header_swallows_the_next_file_as_in_git()
    {
        Assert.Equal("11aa38d382803cbb85b92d41278655aa6bed22a1", PatchId.Compute(Lines(
            "diff --git a/x b/x", "index 1111111..2222222 100644", "--- a/x", "+++ b/x",
            "@@ -1,4 +1,4 @@", " a", "-b", "+c", " d",
            "diff --git a/y b/y", "--- a/y", "+++ b/y", "@@ -1 +1 @@", "-f", "+g")));
    }

    [Fact]
    public void A_diff_without_a_diff_line_has_no_id()
    {
        Assert.Null(PatchId.Compute(Lines("--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+b")));
        Assert.Null(PatchId.Compute("Just a reply.\n"));
        Assert.Null(PatchId.Compute(""));
    }

    [Fact]
    public void Only_the_first_patch_of_a_text_counts()
    {
        Assert.Equal(Simple, PatchId.Compute(Lines(
            "diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+b", "-- ", "2.35.1", "",
            "From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001",
            "diff --git a/y b/y", "--- a/y", "+++ b/y", "@@ -1 +1 @@", "-c", "+d")));
    }

    [Fact]
    public void A_message_line_starting_with_diff_makes_git_hash_from_there_so_pass_the_split_diff()
    {
        var body = Lines(
            "From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001",
            "Subject: [PATCH] x", "", "commit message", "diff is below", "---", " x | 2 +-", "",
            "diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+b", "-- ", "2.35.1");

        Assert.Equal("1323fdbc97b2efaf1065f68a19f863f476861bd1", PatchId.Compute(body));
        Assert.Equal(Simple, PatchId.Compute(PatchBody.Split(body).Diff));
    }

    [Fact]
    public void The_byte_form_matches_the_hex_form()
    {
        var bytes = new byte[20];
        Assert.True(PatchId.Compute(Text("rename.mbox"), bytes));
        Assert.Equal("5b79889b3b56e9d7f3fae695e0b2c564277c2c2a", Convert.ToHexStringLower(bytes));
        Assert.False(PatchId.Compute("no diff", bytes));
        Assert.All(bytes, b => Assert.Equal(0, b));
    }
}
