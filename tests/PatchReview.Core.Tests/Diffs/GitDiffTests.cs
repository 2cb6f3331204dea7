using PatchReview.Core.Diffs;
using Xunit;
using static PatchReview.Core.Tests.Diffs.DiffFixtures;

namespace PatchReview.Core.Tests.Diffs;

public sealed class GitDiffTests
{
    static string Render(Hunk hunk) => string.Join('\n', hunk.Lines.Select(l =>
        $"{(char)l.Kind}{l.OldLine?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "."}:"
        + $"{l.NewLine?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "."} {l.Text}{(l.NoNewlineAtEnd ? " [no newline]" : "")}"));

    [Fact]
    public void Hunk_lines_are_numbered_on_both_sides()
    {
        var diff = GitDiff.Parse(Lines(
            "diff --git a/arch/s390/kvm/pci.c b/arch/s390/kvm/pci.c",
            "index 5ac3a7e..b0e3c2d 100644",
            "--- a/arch/s390/kvm/pci.c",
            "+++ b/arch/s390/kvm/pci.c",
            "@@ -120,4 +121,6 @@ static int kvm_s390_pci_aif_enable(struct zpci_dev *zdev, struct zpci_fib *fib,",
            " \tint rc;",
            "-\tgaite = NULL;",
            "+\tgaite = kvm_s390_gisa_aif(zdev);",
            "+\tif (!gaite)",
            "+\t\treturn -EINVAL;",
            " ",
            " \treturn rc;",
            "@@ -200 +202 @@",
            "-old",
            "+new"));

        var file = Assert.Single(diff.Files);
        Assert.Equal(("arch/s390/kvm/pci.c", "arch/s390/kvm/pci.c", FileStatus.Modified), (file.OldPath, file.NewPath, file.Status));
        Assert.Equal(("100644", "100644", "5ac3a7e", "b0e3c2d"), (file.OldMode, file.NewMode, file.OldBlob, file.NewBlob));
        Assert.Equal((4, 2), (file.Added, file.Removed));
        Assert.Equal(2, file.Hunks.Count);

        var first = file.Hunks[0];
        Assert.Equal((120, 4, 121, 6), (first.OldStart, first.OldLines, first.NewStart, first.NewLines));
        Assert.Equal("static int kvm_s390_pci_aif_enable(struct zpci_dev *zdev, struct zpci_fib *fib,", first.Section);
        Assert.Equal("@@ -120,4 +121,6 @@ static int kvm_s390_pci_aif_enable(struct zpci_dev *zdev, struct zpci_fib *fib,", first.Header);
        Assert.Equal(string.Join('\n',
            " 120:121 \tint rc;",
            "-121:. \tgaite = NULL;",
            "+.:122 \tgaite = kvm_s390_gisa_aif(zdev);",
            "+.:123 \tif (!gaite)",
            "+.:124 \t\treturn -EINVAL;",
            " 122:125 ",
            " 123:126 \treturn rc;"), Render(first));

        var second = file.Hunks[1];
        Assert.Equal((200, 1, 202, 1, ""), (second.OldStart, second.OldLines, second.NewStart, second.NewLines, second.Section));
        Assert.Equal("-200:. old\n+.:202 new", Render(second));
        Assert.Empty(diff.Problems);
        Assert.Equal(new DiffStat(1, 4, 2), diff.Stat);
    }

    [Fact]
    public void Rename_keeps_both_paths_and_the_similarity()
    {
        var diff = GitDiff.Parse(Text("rename.mbox"));

        Assert.Equal(2, diff.Files.Count);
        var edited = diff.Files[0];
        Assert.Equal(("arch/s390/kvm/pci.c", "arch/s390/kvm/pci_zpci.c", FileStatus.Renamed, 96),
            (edited.OldPath, edited.NewPath, edited.Status, edited.Similarity));
        Assert.Equal((1, 1), (edited.Added, edited.Removed));
        Assert.Equal(" 17:17 line 17\n 18:18 line 18\n 19:19 line 19\n-20:. line 20\n+.:20 line twenty\n 21:21 line 21\n 22:22 line 22\n 23:23 line 23",
            Render(Assert.Single(edited.Hunks)));
        Assert.Equal("line 16", edited.Hunks[0].Section);

        var moved = diff.Files[1];
        Assert.Equal(("drivers/s390/pci/pci_insn.c", "drivers/s390/pci/pci_insn_new.c", FileStatus.Renamed, 100),
            (moved.OldPath, moved.NewPath, moved.Status, moved.Similarity));
        Assert.Empty(moved.Hunks);
        Assert.Equal(new DiffStat(2, 1, 1), diff.Stat);
        Assert.Equal(["arch/s390/kvm/pci.c", "arch/s390/kvm/pci_zpci.c", "drivers/s390/pci/pci_insn.c", "drivers/s390/pci/pci_insn_new.c"],
            diff.TouchedPaths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Copy_keeps_the_source_path()
    {
        var file = Assert.Single(GitDiff.Parse(Text("copy.mbox")).Files);

        Assert.Equal(("scripts/zpci.sh", "scripts/zpci-copy.sh", FileStatus.Copied, 66, "100755"),
            (file.OldPath, file.NewPath, file.Status, file.Similarity, file.NewMode));
        Assert.Equal((1, 0), (file.Added, file.Removed));
    }

    [Fact]
    public void Mode_change_alone_is_a_modified_file_without_hunks()
    {
        var file = Assert.Single(GitDiff.Parse(Text("mode-change.mbox")).Files);

        Assert.Equal(("scripts/zpci.sh", "scripts/zpci.sh", FileStatus.Modified, "100644", "100755"),
            (file.OldPath, file.NewPath, file.Status, file.OldMode, file.NewMode));
        Assert.Empty(file.Hunks);
        Assert.Equal("diff --git a/scripts/zpci.sh b/scripts/zpci.sh\nold mode 100644\nnew mode 100755", file.Text.ToString());
    }

    [Fact]
    public void New_and_deleted_files_have_one_path_and_one_mode()
    {
        var diff = GitDiff.Parse(Text("new-and-deleted-file.mbox"));

        var added = diff.Files[0];
        Assert.Equal((null, "arch/s390/kvm/pci.h", FileStatus.Added, null, "100644"),
            (added.OldPath, added.NewPath, added.Status, added.OldMode, added.NewMode));
        var hunk = Assert.Single(added.Hunks);
        Assert.Equal((0, 0, 1, 1), (hunk.OldStart, hunk.OldLines, hunk.NewStart, hunk.NewLines));
        Assert.Equal("+.:1 int zpci_new(void);", Render(hunk));

        var deleted = diff.Files[1];
        Assert.Equal(("drivers/s390/pci/gone.c", null, FileStatus.Deleted, "100644", null),
            (deleted.OldPath, deleted.NewPath, deleted.Status, deleted.OldMode, deleted.NewMode));
        Assert.Equal("-1:. unused", Render(Assert.Single(deleted.Hunks)));
        Assert.Equal("drivers/s390/pci/gone.c", deleted.Path);
    }

    [Fact]
    public void Quoted_names_are_decoded_and_spaced_names_lose_their_tab()
    {
        var diff = GitDiff.Parse(Text("binary-and-quoted-paths.mbox"));

        Assert.Equal(["drivers/s390/pci/tést file.c", "drivers/s390/pci/with space.c", "fw2.bin"], diff.Files.Select(f => f.NewPath));
        Assert.Equal(["drivers/s390/pci/tést file.c", "drivers/s390/pci/with space.c", "fw2.bin"], diff.Files.Select(f => f.OldPath));
    }

    [Fact]
    public void Git_binary_patch_is_kept_verbatim()
    {
        var file = GitDiff.Parse(Text("binary-and-quoted-paths.mbox")).Files[2];

        Assert.True(file.IsBinary);
        Assert.Equal("GIT binary patch\nliteral 6\nNcmZQzO3KVL1^@%%0dD{R\n\nliteral 5\nMcmZQzOv=my00M6TI{*Lx", file.BinaryPatch);
        Assert.Equal(("88768efdf77ec78c9a995f94881793be6a41752b", "10c4040cfe40ea0a0a5aa0b4a0b5e9820b10973a"), (file.OldBlob, file.NewBlob));
        Assert.Empty(file.Hunks);
        Assert.Equal((0, 0), (file.Added, file.Removed));
    }

    [Fact]
    public void Binary_files_differ_is_binary_without_a_patch()
    {
        var diff = GitDiff.Parse(Text("binary-files-differ.mbox"));

        var file = diff.Files[^1];
        Assert.Equal(("fw2.bin", true, null), (file.NewPath, file.IsBinary, file.BinaryPatch));
        Assert.Equal(new DiffStat(3, 2, 2), diff.Stat);
    }

    [Fact]
    public void No_newline_marker_flags_the_line_before_it()
    {
        var file = Assert.Single(GitDiff.Parse(Text("no-newline-at-end.mbox")).Files);

        Assert.Equal("-1:. no newline [no newline]\n+.:1 no newline, changed [no newline]", Render(Assert.Single(file.Hunks)));
        Assert.Equal((1, 1), (file.Added, file.Removed));
    }

    [Theory]
    [InlineData("a/x y.c b/x y.c", "x y.c", "x y.c")]
    [InlineData("a/a b/c b/a b/c", "a b/c", "a b/c")]
    [InlineData("\"a/t\\303\\251st\" \"b/t\\303\\251st\"", "tést", "tést")]
    [InlineData("\"a/tab\\there\" b/plain", "tab\there", "plain")]
    [InlineData("a/plain \"b/quote\\\"d\"", "plain", "quote\"d")]
    [InlineData("i/index.c w/index.c", "index.c", "index.c")]
    public void Paths_of_a_mode_only_change_come_from_the_diff_git_line(string names, string oldPath, string newPath)
    {
        var file = Assert.Single(GitDiff.Parse(Lines("diff --git " + names, "old mode 100644", "new mode 100755")).Files);

        Assert.Equal((oldPath, newPath), (file.OldPath, file.NewPath));
    }

    [Fact]
    public void Form_feed_is_part_of_a_line()
    {
        var file = Assert.Single(GitDiff.Parse(Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1,2 +1,2 @@", " \f", "-a", "+b")).Files);

        Assert.Equal(" 1:1 \f\n-2:. a\n+.:2 b", Render(file.Hunks[0]));
    }

    [Fact]
    public void Empty_context_line_from_a_mailer_counts_as_context()
    {
        var diff = GitDiff.Parse(Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1,3 +1,3 @@", " a", "", "-b", "+c", "@@ -10 +10 @@", "-d", "+e"));

        var file = Assert.Single(diff.Files);
        Assert.Equal(" 1:1 a\n 2:2 \n-3:. b\n+.:3 c", Render(file.Hunks[0]));
        Assert.Equal("-10:. d\n+.:10 e", Render(file.Hunks[1]));
        Assert.Equal([new DiffProblem(6, DiffProblemKind.BlankContextLine)], diff.Problems);
    }

    [Fact]
    public void Wrapped_line_is_skipped_and_numbering_goes_on()
    {
        // As Thunderbird sends a long hunk line: "+#if defined(CONFIG_VFIO_PCI_ZDEV_KVM) || " / "defined(...)".
        var diff = GitDiff.Parse(Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1,3 +1,3 @@", " a",
            "-#ifdef CONFIG_VFIO_PCI_ZDEV_KVM", "+#if defined(CONFIG_VFIO_PCI_ZDEV_KVM) || ", "defined(CONFIG_VFIO_PCI_ZDEV_KVM_MODULE)", " b",
            "diff --git a/y b/y", "--- a/y", "+++ b/y", "@@ -1 +1 @@", "-c", "+d"));

        Assert.Equal(2, diff.Files.Count);
        Assert.Equal(" 1:1 a\n-2:. #ifdef CONFIG_VFIO_PCI_ZDEV_KVM\n+.:2 #if defined(CONFIG_VFIO_PCI_ZDEV_KVM) || \n 3:3 b", Render(diff.Files[0].Hunks[0]));
        Assert.Equal([new DiffProblem(8, DiffProblemKind.StrayLine)], diff.Problems);
    }

    [Fact]
    public void Short_hunk_ends_at_the_next_hunk_or_file()
    {
        var diff = GitDiff.Parse(Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1,4 +1,4 @@", " a", "-b", "+c",
            "@@ -10 +10 @@", "-d", "+e", "diff --git a/y b/y", "--- a/y", "+++ b/y", "@@ -1,9 +1,9 @@", "-f", "+g"));

        Assert.Equal(2, diff.Files.Count);
        Assert.Equal(2, diff.Files[0].Hunks.Count);
        Assert.Equal(new DiffStat(2, 3, 3), diff.Stat);
        Assert.Equal([new DiffProblem(8, DiffProblemKind.ShortHunk), new DiffProblem(16, DiffProblemKind.ShortHunk)], diff.Problems);
    }

    [Fact]
    public void Extra_line_beyond_the_count_of_one_side_is_kept()
    {
        var diff = GitDiff.Parse(Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1,2 +1 @@", "+a", "+b", "-c", "-d"));

        Assert.Equal("+.:1 a\n+.:2 b\n-1:. c\n-2:. d", Render(diff.Files[0].Hunks[0]));
        Assert.Equal([new DiffProblem(6, DiffProblemKind.ExtraLine)], diff.Problems);
    }

    [Fact]
    public void Unreadable_hunk_header_takes_lines_until_one_is_no_diff_line()
    {
        var diff = GitDiff.Parse(Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1,x +1 @@", " a", "-b", "+c", "", "Thanks"));

        var hunk = diff.Files[0].Hunks[0];
        Assert.Equal(3, hunk.Lines.Count);
        Assert.Equal([new DiffProblem(4, DiffProblemKind.BadHunkHeader)], diff.Problems);
    }

    [Fact]
    public void Quote_after_a_short_hunk_ends_the_diff()
    {
        // "Re: [PATCH v3 2/3] mm: rmap: Fix CONT-PTE/PMD size hugetlb issue when migration" proposes a fix inline.
        var diff = GitDiff.Parse(Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1,3 +1,3 @@", "-a", "+b", " c", "> --- a/x"));

        Assert.Equal(new DiffStat(1, 1, 1), diff.Stat);
        Assert.Equal([new DiffProblem(7, DiffProblemKind.ShortHunk)], diff.Problems);
    }

    [Fact]
    public void Lines_before_the_diff_are_skipped()
    {
        var diff = GitDiff.Parse(Lines("Subject line", "---", " x | 2 +-", "", "diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+b", "-- ", "2.35.1"));

        Assert.Equal(new DiffStat(1, 1, 1), diff.Stat);
        Assert.Equal("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b", diff.Files[0].Text.ToString());
    }

    [Fact]
    public void Added_and_removed_line_texts_are_listed_per_file()
    {
        var file = GitDiff.Parse(Text("rename.mbox")).Files[0];

        Assert.Equal(["line twenty"], file.AddedLines.Select(l => l.ToString()));
        Assert.Equal(["line 20"], file.RemovedLines.Select(l => l.ToString()));
    }

    [Fact]
    public void Text_without_a_diff_parses_to_no_files()
    {
        Assert.Same(GitDiff.Empty, GitDiff.Parse("Looks good to me.\n\nReviewed-by: Niklas Schnelle <schnelle@linux.ibm.com>\n"));
        Assert.Equal(new DiffStat(0, 0, 0), GitDiff.Parse("").Stat);
    }

    [Theory]
    [InlineData("diff --git \n")]
    [InlineData("diff --git \"a/unterminated\n")]
    [InlineData("diff --git \"a/x\\\n")]
    [InlineData("diff --git a/x b/x\n--- \"\n+++ \"b/\\777\n@@ -1 +1 @@\n")]
    [InlineData("diff --git a/x b/x\n@@ -99999999999 +1 @@\n-a\n")]
    [InlineData("diff --git a/x b/x\n@@ -1,2 +1,2 @@\n\n\n\n\n")]
    [InlineData("diff --git a/x b/x\nGIT binary patch\nliteral 5\n")]
    [InlineData("--- a\n+++ b\n@@ -1 +1 @@\n--- a\n+++ b\n@@ -1 +1 @@\n\\ No newline at end of file\n")]
    [InlineData("diff --git a/x b/x\n@@ -1 +1 @@\n\\ No newline at end of file\n")]
    [InlineData("Index: \n===\n--- \n+++ \n@@ -0,0 +0,0 @@\n")]
    public void Broken_input_never_throws(string text)
    {
        var diff = GitDiff.Parse(text);

        Assert.NotNull(diff);
        Assert.NotNull(PatchBody.Split(text));
        _ = PatchId.Compute(text);
    }
}
