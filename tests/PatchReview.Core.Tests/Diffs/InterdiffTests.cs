using PatchReview.Core.Diffs;
using Xunit;
using static PatchReview.Core.Tests.Diffs.DiffFixtures;

namespace PatchReview.Core.Tests.Diffs;

public sealed class InterdiffTests
{
    static readonly string Version1 = Lines(
        "Add the thing.",
        "",
        "Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>",
        "---",
        "diff --git a/arch/s390/pci/pci.c b/arch/s390/pci/pci.c",
        "index 1111111..2222222 100644",
        "--- a/arch/s390/pci/pci.c",
        "+++ b/arch/s390/pci/pci.c",
        "@@ -10,6 +10,7 @@ static int zpci_init(void)",
        " \tint rc;",
        " ",
        " \trc = zpci_setup();",
        "+\tzpci_thing();",
        " \tif (rc)",
        " \t\treturn rc;",
        " \treturn 0;",
        "diff --git a/arch/s390/pci/old.c b/arch/s390/pci/old.c",
        "index 3333333..4444444 100644",
        "--- a/arch/s390/pci/old.c",
        "+++ b/arch/s390/pci/old.c",
        "@@ -1 +1 @@",
        "-a",
        "+b",
        "-- ",
        "2.27.0");

    static readonly string Version2 = Lines(
        "Add the thing.",
        "",
        "Reviewed-by: Pierre Morel <pmorel@linux.ibm.com>",
        "Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>",
        "---",
        "Changes since v1: call zpci_other() too",
        "",
        "diff --git a/arch/s390/pci/pci.c b/arch/s390/pci/pci.c",
        "index 5555555..6666666 100644",
        "--- a/arch/s390/pci/pci.c",
        "+++ b/arch/s390/pci/pci.c",
        "@@ -12,6 +12,8 @@ static int zpci_init(void)",
        " \tint rc;",
        " ",
        " \trc = zpci_setup();",
        "+\tzpci_thing();",
        "+\tzpci_other();",
        " \tif (rc)",
        " \t\treturn rc;",
        " \treturn 0;",
        "diff --git a/arch/s390/pci/new.c b/arch/s390/pci/new.c",
        "new file mode 100644",
        "index 0000000..7777777",
        "--- /dev/null",
        "+++ b/arch/s390/pci/new.c",
        "@@ -0,0 +1 @@",
        "+int x;",
        "-- ",
        "2.36.1");

    [Fact]
    public void Changes_to_message_and_code_read_as_a_diff_of_the_patches()
    {
        var result = Interdiff.Compute(PatchBody.Split(Version1), PatchBody.Split(Version2));

        Assert.Equal(Lines(
            "diff --git a/COMMIT_MSG b/COMMIT_MSG",
            "--- a/COMMIT_MSG",
            "+++ b/COMMIT_MSG",
            "@@ -1,3 +1,4 @@",
            " Add the thing.",
            " ",
            "+Reviewed-by: Pierre Morel <pmorel@linux.ibm.com>",
            " Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>",
            "diff --git a/arch/s390/pci/pci.c b/arch/s390/pci/pci.c",
            "--- a/arch/s390/pci/pci.c",
            "+++ b/arch/s390/pci/pci.c",
            "@@ -3,6 +3,7 @@",
            "  ",
            "  \trc = zpci_setup();",
            " +\tzpci_thing();",
            "++\tzpci_other();",
            "  \tif (rc)",
            "  \t\treturn rc;",
            "  \treturn 0;",
            "diff --git a/arch/s390/pci/new.c b/arch/s390/pci/new.c",
            "--- /dev/null",
            "+++ b/arch/s390/pci/new.c",
            "@@ -0,0 +1,3 @@",
            "+new file mode 100644",
            "+@@ -0,0 +1 @@",
            "++int x;",
            "diff --git a/arch/s390/pci/old.c b/arch/s390/pci/old.c",
            "--- a/arch/s390/pci/old.c",
            "+++ /dev/null",
            "@@ -1,3 +0,0 @@",
            "-@@ -1 +1 @@",
            "--a",
            "-+b"), result.Text);
        Assert.True(result.MessageChanged);
        Assert.True(result.CodeChanged);
        Assert.Equal(
            [new InterdiffFile("arch/s390/pci/pci.c", InterdiffChange.Changed),
             new InterdiffFile("arch/s390/pci/new.c", InterdiffChange.AddedToPatch),
             new InterdiffFile("arch/s390/pci/old.c", InterdiffChange.RemovedFromPatch)],
            result.Files);
    }

    [Fact]
    public void The_interdiff_is_itself_a_diff_that_parses_cleanly()
    {
        var result = Interdiff.Compute(PatchBody.Split(Version1), PatchBody.Split(Version2));

        var diff = GitDiff.Parse(result.Text);

        Assert.Empty(diff.Problems);
        Assert.Equal(["COMMIT_MSG", "arch/s390/pci/pci.c", "arch/s390/pci/new.c", "arch/s390/pci/old.c"], diff.Files.Select(f => f.Path));
        Assert.Equal([FileStatus.Modified, FileStatus.Modified, FileStatus.Added, FileStatus.Deleted], diff.Files.Select(f => f.Status));
        Assert.Equal(new DiffStat(4, 5, 3), diff.Stat);
    }

    [Fact]
    public void Moved_hunks_new_blob_names_and_notes_are_no_change()
    {
        var moved = Version1.Replace("@@ -10,6 +10,7 @@", "@@ -110,6 +112,7 @@", StringComparison.Ordinal)
            .Replace("index 1111111..2222222", "index 8888888..9999999", StringComparison.Ordinal)
            .Replace("---\n", "---\nv2: rebased\n\n", StringComparison.Ordinal);

        var result = Interdiff.Compute(PatchBody.Split(Version1), PatchBody.Split(moved));

        Assert.Equal(new InterdiffResult("", false, false, []), result with { Files = [] });
        Assert.Empty(result.Files);
        Assert.False(result.HasChanges);
    }

    [Fact]
    public void A_changed_hunk_section_is_a_change()
    {
        var other = Version1.Replace("static int zpci_init(void)", "static int zpci_probe(void)", StringComparison.Ordinal);

        var result = Interdiff.Compute(PatchBody.Split(Version1), PatchBody.Split(other));

        Assert.Equal(Lines(
            "diff --git a/arch/s390/pci/pci.c b/arch/s390/pci/pci.c",
            "--- a/arch/s390/pci/pci.c",
            "+++ b/arch/s390/pci/pci.c",
            "@@ -1,4 +1,4 @@",
            "-@@ -10,6 +10,7 @@ static int zpci_init(void)",
            "+@@ -10,6 +10,7 @@ static int zpci_probe(void)",
            "  \tint rc;",
            "  ",
            "  \trc = zpci_setup();"), result.Text);
        Assert.False(result.MessageChanged);
    }

    [Fact]
    public void A_mode_change_added_in_the_new_version_shows()
    {
        var older = Lines("diff --git a/x.sh b/x.sh", "--- a/x.sh", "+++ b/x.sh", "@@ -1 +1 @@", "-a", "+b");
        var newer = Lines("diff --git a/x.sh b/x.sh", "old mode 100644", "new mode 100755", "--- a/x.sh", "+++ b/x.sh", "@@ -1 +1 @@", "-a", "+b");

        var result = Interdiff.Compute("m", GitDiff.Parse(older), "m", GitDiff.Parse(newer));

        Assert.Equal(Lines("diff --git a/x.sh b/x.sh", "--- a/x.sh", "+++ b/x.sh", "@@ -1,3 +1,5 @@",
            "+old mode 100644", "+new mode 100755", " @@ -1 +1 @@", " -a", " +b"), result.Text);
    }
}
