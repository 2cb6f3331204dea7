using PatchReview.Core.Diffs;
using Xunit;
using static PatchReview.Core.Tests.Diffs.DiffFixtures;

namespace PatchReview.Core.Tests.Diffs;

public sealed class PatchBodyTests
{
    const string Hunk = "@@ -1,3 +1,3 @@";

    [Fact]
    public void Format_patch_body_splits_into_message_notes_diff_and_signature()
    {
        var body = Lines(
            "Ensure the interpretation facility is enabled.",
            "",
            "Reviewed-by: Pierre Morel <pmorel@linux.ibm.com>",
            "Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>",
            "---",
            "Changes since v2:",
            " - drop the extra check",
            "",
            " arch/s390/kvm/pci.c | 2 +-",
            " 1 file changed, 1 insertion(+), 1 deletion(-)",
            "",
            "diff --git a/arch/s390/kvm/pci.c b/arch/s390/kvm/pci.c",
            "index 1111111..2222222 100644",
            "--- a/arch/s390/kvm/pci.c",
            "+++ b/arch/s390/kvm/pci.c",
            Hunk,
            " a",
            "-b",
            "+c",
            " d",
            "-- ",
            "2.35.1",
            "");

        var patch = PatchBody.Split(body);

        Assert.Equal("Ensure the interpretation facility is enabled.\n\nReviewed-by: Pierre Morel <pmorel@linux.ibm.com>\n"
                     + "Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>", patch.CommitMessage);
        Assert.Equal("Changes since v2:\n - drop the extra check\n\n arch/s390/kvm/pci.c | 2 +-\n"
                     + " 1 file changed, 1 insertion(+), 1 deletion(-)", patch.Notes);
        Assert.Equal(Lines("diff --git a/arch/s390/kvm/pci.c b/arch/s390/kvm/pci.c", "index 1111111..2222222 100644",
            "--- a/arch/s390/kvm/pci.c", "+++ b/arch/s390/kvm/pci.c", Hunk, " a", "-b", "+c", " d"), patch.Diff);
        Assert.Equal("-- \n2.35.1", patch.Signature);
    }

    [Fact]
    public void Diff_right_after_the_message_has_no_notes()
    {
        var patch = PatchBody.Split(Lines("Fix it.", "", "diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+b"));

        Assert.Equal("Fix it.", patch.CommitMessage);
        Assert.Null(patch.Notes);
        Assert.Equal(Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+b"), patch.Diff);
        Assert.Null(patch.Signature);
    }

    [Fact]
    public void Body_without_a_diff_is_all_commit_message()
    {
        var patch = PatchBody.Split(Lines("On 4/27/22 Jason Gunthorpe wrote:", "> ---", "", "Agreed.", "", "-- ", "Thanks"));

        Assert.Equal("On 4/27/22 Jason Gunthorpe wrote:\n> ---\n\nAgreed.\n\n-- \nThanks", patch.CommitMessage);
        Assert.Null(patch.Notes);
        Assert.Equal("", patch.Diff);
        Assert.Null(patch.Signature);
    }

    [Fact]
    public void Separator_without_a_diff_leaves_the_rest_as_notes()
    {
        var patch = PatchBody.Split(Lines("Message.", "---", "v2: nothing to apply yet"));

        Assert.Equal("Message.", patch.CommitMessage);
        Assert.Equal("v2: nothing to apply yet", patch.Notes);
        Assert.Equal("", patch.Diff);
    }

    [Theory]
    [InlineData("---  ")]
    [InlineData("---\t")]
    public void Separator_may_carry_trailing_white_space(string separator)
    {
        var patch = PatchBody.Split(Lines("Message.", separator, " x | 1 +", "", "diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -0,0 +1 @@", "+a"));

        Assert.Equal("Message.", patch.CommitMessage);
        Assert.Equal(" x | 1 +", patch.Notes);
    }

    [Fact]
    public void Dashed_rules_in_the_message_are_no_separator()
    {
        var patch = PatchBody.Split(Lines("Before:", "----------", "After:", "---", "diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+b"));

        Assert.Equal("Before:\n----------\nAfter:", patch.CommitMessage);
        Assert.Null(patch.Notes);
    }

    [Fact]
    public void Lines_that_start_with_dashes_inside_a_hunk_are_diff_lines()
    {
        // Removed lines "- foo", "- " and "-- bar" (a list item, an empty item, a comment) read as "-- foo", "-- ", "--- bar".
        var diff = Lines("diff --git a/README b/README", "--- a/README", "+++ b/README",
            "@@ -1,5 +1,2 @@", " intro", "-- foo", "-- ", "--- bar", " end");
        var patch = PatchBody.Split(Lines("Drop the list.", "---", "") + diff + Lines("-- ", "2.35.1"));

        Assert.Equal(diff, patch.Diff);
        Assert.Equal("-- \n2.35.1", patch.Signature);
        Assert.Equal(3, GitDiff.Parse(patch.Diff).Files[0].Removed);
    }

    [Fact]
    public void A_removed_dash_space_line_that_completes_the_hunk_is_still_diff()
    {
        var diff = Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1,2 +1 @@", " a", "-- ");
        var patch = PatchBody.Split(diff + Lines("-- ", "2.35.1"));

        Assert.Equal(diff, patch.Diff);
        Assert.Equal("-- \n2.35.1", patch.Signature);
    }

    [Theory]
    [InlineData("-- ")]
    [InlineData("--")]
    public void Signature_under_a_hunk_that_counted_too_many_lines_ends_the_diff(string dashes)
    {
        var diff = Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1,5 +1,5 @@", " a", "-b", "+c", " d");
        var patch = PatchBody.Split(diff + Lines(dashes, "2.35.1"));

        Assert.Equal(diff, patch.Diff);
        Assert.Equal(dashes + "\n2.35.1", patch.Signature);
    }

    [Fact]
    public void Text_after_the_last_hunk_is_not_diff()
    {
        var diff = Lines("diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+b");
        var patch = PatchBody.Split(diff + Lines("", "_______________________________________________", "linux-arm-kernel mailing list"));

        Assert.Equal(diff, patch.Diff);
        Assert.Equal("_______________________________________________\nlinux-arm-kernel mailing list", patch.Signature);
    }

    [Fact]
    public void Quilt_diff_without_diff_git_starts_at_its_header()
    {
        // As Peter Zijlstra's quilt series "[PATCH 02/36] x86/idle: Replace x86_idle with a static_call" sends them.
        var diff = Lines("--- a/arch/x86/kernel/process.c", "+++ b/arch/x86/kernel/process.c", "@@ -24,1 +24,2 @@",
            " #include <linux/cpuidle.h>", "+#include <linux/static_call.h>",
            "--- a/arch/x86/include/asm/x86_init.h", "+++ b/arch/x86/include/asm/x86_init.h", "@@ -1 +1 @@", "-a", "+b");
        var patch = PatchBody.Split(Lines("Typical boot time setup.", "", "Signed-off-by: Peter Zijlstra (Intel) <peterz@infradead.org>",
            "---", " arch/x86/kernel/process.c |   50 ++++", "") + diff);

        Assert.Equal("Typical boot time setup.\n\nSigned-off-by: Peter Zijlstra (Intel) <peterz@infradead.org>", patch.CommitMessage);
        Assert.Equal(" arch/x86/kernel/process.c |   50 ++++", patch.Notes);
        Assert.Equal(diff, patch.Diff);
        Assert.Equal(2, GitDiff.Parse(patch.Diff).Files.Count);
    }

    [Fact]
    public void Index_and_diff_u_headers_belong_to_the_diff()
    {
        var index = Lines("Index: linux/kernel/sched.c", "===================================================================",
            "--- linux.orig/kernel/sched.c", "+++ linux/kernel/sched.c", "@@ -1 +1 @@", "-a", "+b");
        var diffU = Lines("diff -urN a/kernel/fork.c b/kernel/fork.c", "--- a/kernel/fork.c\t2022-06-01 10:00:00.000000000 +0200",
            "+++ b/kernel/fork.c\t2022-06-02 10:00:00.000000000 +0200", "@@ -1 +1 @@", "-c", "+d");

        var quilt = PatchBody.Split(Lines("Message.", "---") + index);
        var plain = PatchBody.Split(Lines("Message.", "") + diffU);

        Assert.Equal(index, quilt.Diff);
        Assert.Equal(diffU, plain.Diff);
        Assert.Equal("Message.", plain.CommitMessage);
        Assert.Equal(["kernel/sched.c"], GitDiff.Parse(quilt.Diff).TouchedPaths);
        Assert.Equal(["kernel/fork.c"], GitDiff.Parse(plain.Diff).TouchedPaths);
    }

    [Fact]
    public void Mode_change_without_hunks_ends_at_the_signature()
    {
        var patch = PatchBody.Split(Body("mode-change.mbox"));

        Assert.Equal("", patch.CommitMessage);
        Assert.Equal(" scripts/zpci.sh | 0\n 1 file changed, 0 insertions(+), 0 deletions(-)\n mode change 100644 => 100755 scripts/zpci.sh", patch.Notes);
        Assert.Equal(Lines("diff --git a/scripts/zpci.sh b/scripts/zpci.sh", "old mode 100644", "new mode 100755"), patch.Diff);
        Assert.Equal("-- \n2.39.5", patch.Signature);
    }

    [Fact]
    public void Binary_patch_runs_to_the_end_of_its_data()
    {
        var patch = PatchBody.Split(Body("binary-and-quoted-paths.mbox"));

        Assert.EndsWith("literal 5\nMcmZQzOv=my00M6TI{*Lx\n\n", patch.Diff, StringComparison.Ordinal);
        Assert.Equal("-- \n2.39.5", patch.Signature);
    }

    [Fact]
    public void In_body_from_line_is_a_header_not_message()
    {
        // "[GIT PULL 02/42] s390/sclp: detect the AISII facility" re-sends Matthew Rosato's patch from Claudio Imbrenda.
        var patch = PatchBody.Split(Lines("From: Matthew Rosato <mjrosato@linux.ibm.com>", "",
            "Detect the Adapter Interruption Source ID Interpretation facility.", "", "Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>",
            "---", "diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+b"));

        Assert.Equal("From: Matthew Rosato <mjrosato@linux.ibm.com>", patch.InBodyHeaders);
        Assert.Equal("Detect the Adapter Interruption Source ID Interpretation facility.\n\nSigned-off-by: Matthew Rosato <mjrosato@linux.ibm.com>",
            patch.CommitMessage);
    }

    [Theory]
    [InlineData("From: Jason Gunthorpe\nSent: Tuesday\n\nquoted")]
    [InlineData("Fix the From: line parsing.\n\nFrom: x")]
    public void Header_like_lines_that_are_no_in_body_headers_stay_message(string body)
    {
        var patch = PatchBody.Split(body);

        Assert.Null(patch.InBodyHeaders);
        Assert.Equal(body, patch.CommitMessage);
    }

    [Fact]
    public void Empty_body_is_an_empty_message()
    {
        Assert.Equal(new PatchBody("", null, "", null), PatchBody.Split(""));
    }
}
