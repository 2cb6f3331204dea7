using System.Globalization;
using System.Text.RegularExpressions;
using PatchReview.Core.Diffs;
using PatchReview.Core.Mail;
using PatchReview.Core.Series;
using Xunit;

namespace PatchReview.Core.Tests.Diffs;

/// <summary>
/// Splitting, parsing and comparing the real patches of the shared corpus. Counts were taken independently of this
/// code (Python's email module and grep over the archives); named messages were read by hand.
/// </summary>
public sealed partial class DiffCorpusTests
{
    const string Zpci = "zpci-series.mbox.gz";
    const string S390 = "linux-s390-2022q2.mbox.gz";

    [Theory]
    // zpci: 252 patches and 20 "[GIT PULL NN/42]" re-sends with "diff --git", 4 replies proposing a diff inline, and
    // 2 quilt patches with only "--- a/" headers ("[patch V2 13/31] s390/pci: Rework MSI descriptor walk" and
    // Randy Dunlap's "[PATCH] vfio-pci/zdev: require KVM to be built-in"); 274 of them carry a diffstat summary.
    [InlineData(Zpci, 278, 274)]
    // linux-s390: 1306 with "diff --git", 51 quilt patches (Peter Zijlstra's 36-patch cpuidle series among them);
    // 1325 have a diffstat, but in three "[GIT PULL] s390 updates for 5.18-rc3/5.18-rc6/5.19-rc4" the diffstat is
    // part of the pull text above the appended diff, with no "---" separator, so it is commit message, not notes.
    [InlineData(S390, 1357, 1322)]
    public async Task Every_diff_is_found_and_its_diffstat_matches_the_parsed_diff(string archive, int diffs, int withDiffStat)
    {
        var messages = await DiffCorpus.MessagesAsync(archive);
        var found = 0;
        var compared = 0;
        var mismatched = new List<string>();
        foreach (var message in messages)
        {
            var patch = PatchBody.Split(message.BodyText);
            if (patch.Diff.Length == 0)
            {
                continue;
            }

            found++;
            if (patch.Notes is not null && DiffStatLine().Match(patch.Notes) is { Success: true } match)
            {
                compared++;
                var stated = new DiffStat(Number(match, "files"), Number(match, "insertions"), Number(match, "deletions"));
                var parsed = GitDiff.Parse(patch.Diff).Stat;
                if (stated != parsed)
                {
                    mismatched.Add($"{message.MessageId} {parsed.FilesChanged}/{parsed.Insertions}/{parsed.Deletions}");
                }
            }
        }

        Assert.Equal((diffs, withDiffStat), (found, compared));
        // Four senders edited the diff after the diffstat was made; counted by hand with grep over each mail:
        // "[PATCH V3] s390: Simplify the calculation of variables" sends 68 added lines under "64 insertions(+)", and
        // three quilt patches of "[PATCH 00/36] cpuidle,rcu: Cleanup the mess" send fewer lines and files than stated.
        string[] stale = archive == S390
            ? ["1649297808-5048-1-git-send-email-baihaowen@meizu.com 1/68/15",
               "20220608144516.172460444@infradead.org 1/24/5",
               "20220608144516.743744529@infradead.org 8/17/3",
               "20220608144517.124597382@infradead.org 32/28/46"]
            : [];
        Assert.Equal(stale, mismatched);
    }

    [Fact]
    public async Task Only_diffs_pasted_into_replies_are_damaged()
    {
        var damaged = new List<string>();
        foreach (var archive in new[] { Zpci, S390 })
        {
            foreach (var message in await DiffCorpus.MessagesAsync(archive))
            {
                var diff = GitDiff.Parse(PatchBody.Split(message.BodyText).Diff);
                if (diff.Problems.Count > 0)
                {
                    Assert.StartsWith("Re: ", message.Subject, StringComparison.Ordinal);
                    damaged.Add(message.MessageId);
                }
            }
        }

        // Each read by hand: Thunderbird wrapping long lines and stripping the space of empty context lines
        // (format=flowed, not undone in BodyText), U+00A0 for indentation, hunks cut short by the author.
        Assert.Equal(
            ["1650271705.1503067-1-xuanzhuo@linux.alibaba.com", "474b8548-4e17-a6e7-a0f7-8f248aabe462@linux.alibaba.com",
             "6575de6d-94ba-c427-5b1e-967750ddff23@arm.com", "663c7595-1c18-043e-5f12-b0ce880b84bf@linux.ibm.com",
             "75b94ccd-b739-2164-bc4a-20025356cc34@linaro.org", "84209c7b-ac3e-fa3b-75fc-d76ec7c99d68@linux.alibaba.com",
             "9aa13b10-7342-461c-38a5-eb56d7e69b23@gmail.com", "YnmTVlo5JRqOGUPh@dev-arch.thelio-3990X",
             "YoiW3R0nsC71hlFm@yury-laptop", "b03be97f-cc03-cb58-bd1b-5eda3abd249a@linux.ibm.com",
             "f7b43321-eb31-b8fb-0a65-0f5f04526be5@gmail.com"],
            damaged.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reply_with_a_short_hunk_ends_its_diff_before_the_text_under_it()
    {
        // "Re: [PATCH] KVM: s390: pci: VFIO_PCI ZDEV configuration fix": the hunk says 7 lines, 5 are sent, then two
        // empty lines and "2)" with a .config excerpt.
        var message = DiffCorpus.Single(await DiffCorpus.MessagesAsync(Zpci), "b03be97f-cc03-cb58-bd1b-5eda3abd249a@linux.ibm.com");

        var patch = PatchBody.Split(message.BodyText);

        Assert.EndsWith("-       defined(CONFIG_VFIO_PCI_ZDEV_KVM)\n+       IS_ENABLED(CONFIG_VFIO_PCI_ZDEV_KVM)\n", patch.Diff, StringComparison.Ordinal);
        Assert.StartsWith("2)\nCONFIG_KVM=y\n", patch.Signature, StringComparison.Ordinal);
        Assert.Equal([new DiffProblem(10, DiffProblemKind.ShortHunk)], GitDiff.Parse(patch.Diff).Problems);
    }

    [Fact]
    public async Task Zpci_v9_patch_2_splits_and_parses_as_the_mail_reads()
    {
        var message = DiffCorpus.Single(await DiffCorpus.MessagesAsync(Zpci), "20220606203325.110625-3-mjrosato@linux.ibm.com");

        var patch = PatchBody.Split(message.BodyText);
        var diff = GitDiff.Parse(patch.Diff);

        Assert.Equal("[PATCH v9 02/21] s390/sclp: detect the AISII facility", message.Subject);
        Assert.Equal(string.Join('\n',
            "Detect the Adapter Interruption Source ID Interpretation facility.",
            "",
            "Reviewed-by: Eric Farman <farman@linux.ibm.com>",
            "Reviewed-by: Christian Borntraeger <borntraeger@linux.ibm.com>",
            "Reviewed-by: Claudio Imbrenda <imbrenda@linux.ibm.com>",
            "Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>"), patch.CommitMessage);
        Assert.Equal(" arch/s390/include/asm/sclp.h   | 1 +\n drivers/s390/char/sclp_early.c | 1 +\n 2 files changed, 2 insertions(+)", patch.Notes);
        Assert.StartsWith("diff --git a/arch/s390/include/asm/sclp.h b/arch/s390/include/asm/sclp.h\n", patch.Diff, StringComparison.Ordinal);
        Assert.EndsWith(" \t\tS390_lowcore.machine_flags |= MACHINE_FLAG_ESOP;\n", patch.Diff, StringComparison.Ordinal);
        Assert.Equal("-- \n2.27.0", patch.Signature);
        Assert.Null(patch.InBodyHeaders);

        Assert.Equal(["arch/s390/include/asm/sclp.h", "drivers/s390/char/sclp_early.c"], diff.Files.Select(f => f.Path));
        var hunk = Assert.Single(diff.Files[0].Hunks);
        Assert.Equal(("@@ -89,6 +89,7 @@ struct sclp_info {", "struct sclp_info {"), (hunk.Header, hunk.Section));
        var added = Assert.Single(hunk.Lines, l => l.Kind == DiffLineKind.Added);
        Assert.Equal(("\tunsigned char has_aisii : 1;", null, 92), (added.Text, added.OldLine, added.NewLine));
        Assert.Equal((94, 95), (hunk.Lines[^1].OldLine, hunk.Lines[^1].NewLine));
        Assert.Equal(("d5671c03d5cc", "39c9bd7e1c26", "100644"), (diff.Files[1].OldBlob, diff.Files[1].NewBlob, diff.Files[1].NewMode));
        Assert.Equal(["\tsclp.has_aisii = !!(sccb->fac118 & 0x40);"], diff.Files[1].AddedLines.Select(l => l.ToString()));
        Assert.Equal(new DiffStat(2, 2, 0), diff.Stat);
    }

    [Fact]
    public async Task Git_pull_resend_differs_from_v9_only_in_the_message()
    {
        var messages = await DiffCorpus.MessagesAsync(Zpci);
        var v9 = PatchBody.Split(DiffCorpus.Single(messages, "20220606203325.110625-3-mjrosato@linux.ibm.com").BodyText);
        var pull = PatchBody.Split(DiffCorpus.Single(messages, "20220721161302.156182-3-imbrenda@linux.ibm.com").BodyText);

        var result = Interdiff.Compute(v9, pull);

        Assert.Equal("From: Matthew Rosato <mjrosato@linux.ibm.com>", pull.InBodyHeaders);
        Assert.Equal("-- \n2.36.1", pull.Signature);
        Assert.Equal(string.Join('\n',
            "diff --git a/COMMIT_MSG b/COMMIT_MSG",
            "--- a/COMMIT_MSG",
            "+++ b/COMMIT_MSG",
            "@@ -4,3 +4,5 @@",
            " Reviewed-by: Christian Borntraeger <borntraeger@linux.ibm.com>",
            " Reviewed-by: Claudio Imbrenda <imbrenda@linux.ibm.com>",
            " Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>",
            "+Link: https://lore.kernel.org/r/20220606203325.110625-3-mjrosato@linux.ibm.com",
            "+Signed-off-by: Christian Borntraeger <borntraeger@linux.ibm.com>",
            ""), result.Text);
        Assert.Equal((true, false), (result.MessageChanged, result.CodeChanged));
        Assert.Equal(PatchId.Compute(v9.Diff), PatchId.Compute(pull.Diff));
        Assert.Equal(1.0, Similarity(v9, pull));
    }

    [Fact]
    public async Task Zpci_v8_to_v9_patch_2_shows_only_the_rebased_context()
    {
        // v9 was rebased onto a tree where struct sclp_info gained has_iplcc and lost has_sipl near the new field.
        var messages = await DiffCorpus.MessagesAsync(Zpci);
        var v8 = PatchBody.Split(DiffCorpus.Single(messages, "20220524185907.140285-3-mjrosato@linux.ibm.com").BodyText);
        var v9 = PatchBody.Split(DiffCorpus.Single(messages, "20220606203325.110625-3-mjrosato@linux.ibm.com").BodyText);

        var result = Interdiff.Compute(v8, v9);

        Assert.Equal(string.Join('\n',
            "diff --git a/arch/s390/include/asm/sclp.h b/arch/s390/include/asm/sclp.h",
            "--- a/arch/s390/include/asm/sclp.h",
            "+++ b/arch/s390/include/asm/sclp.h",
            "@@ -1,6 +1,6 @@",
            " @@ -89,6 +89,7 @@ struct sclp_info {",
            "- \tunsigned char has_sipl : 1;",
            "  \tunsigned char has_dirq : 1;",
            "+ \tunsigned char has_iplcc : 1;",
            "  \tunsigned char has_zpci_lsi : 1;",
            " +\tunsigned char has_aisii : 1;",
            "  \tunsigned int ibc;",
            ""), result.Text);
        Assert.Equal([new InterdiffFile("arch/s390/include/asm/sclp.h", InterdiffChange.Changed)], result.Files);
        Assert.False(result.MessageChanged);
        Assert.NotEqual(PatchId.Compute(v8.Diff), PatchId.Compute(v9.Diff));
    }

    [Fact]
    public async Task Zpci_v8_to_v9_patch_9_changed_nothing_but_blob_names()
    {
        var messages = await DiffCorpus.MessagesAsync(Zpci);
        var v8 = PatchBody.Split(DiffCorpus.Single(messages, "20220524185907.140285-10-mjrosato@linux.ibm.com").BodyText);
        var v9 = PatchBody.Split(DiffCorpus.Single(messages, "20220606203325.110625-10-mjrosato@linux.ibm.com").BodyText);

        var result = Interdiff.Compute(v8, v9);

        Assert.False(result.HasChanges);
        Assert.Equal("", result.Text);
        Assert.Equal(PatchId.Compute(v8.Diff), PatchId.Compute(v9.Diff));
        Assert.Equal(1.0, Similarity(v8, v9));
    }

    [Fact]
    public async Task Zpci_v8_to_v9_patch_17_drops_a_file_and_renames_the_hooks()
    {
        // "vfio-pci/zdev: add open/close device hooks": v9 no longer touches arch/s390/include/asm/pci.h and renames
        // vfio_pci_zdev_open/release to vfio_pci_zdev_open_device/close_device in the three other files.
        var messages = await DiffCorpus.MessagesAsync(Zpci);
        var v8 = PatchBody.Split(DiffCorpus.Single(messages, "20220524185907.140285-18-mjrosato@linux.ibm.com").BodyText);
        var v9 = PatchBody.Split(DiffCorpus.Single(messages, "20220606203325.110625-18-mjrosato@linux.ibm.com").BodyText);
        var other = PatchBody.Split(DiffCorpus.Single(messages, "20220606203325.110625-3-mjrosato@linux.ibm.com").BodyText);

        var result = Interdiff.Compute(v8, v9);

        Assert.Equal(
            [new InterdiffFile("drivers/vfio/pci/vfio_pci_core.c", InterdiffChange.Changed),
             new InterdiffFile("drivers/vfio/pci/vfio_pci_zdev.c", InterdiffChange.Changed),
             new InterdiffFile("include/linux/vfio_pci_core.h", InterdiffChange.Changed),
             new InterdiffFile("arch/s390/include/asm/pci.h", InterdiffChange.RemovedFromPatch)],
            result.Files);
        Assert.False(result.MessageChanged);
        Assert.Contains("\n-+\tret = vfio_pci_zdev_open(vdev);\n++\tret = vfio_pci_zdev_open_device(vdev);\n", result.Text, StringComparison.Ordinal);
        Assert.Empty(GitDiff.Parse(result.Text).Problems);

        var similar = Similarity(v8, v9);
        Assert.InRange(similar, PatchMatrix.SimilarityThreshold, 0.99);
        Assert.True(Similarity(other, v9) < 0.1);
    }

    [Fact]
    public async Task Quilt_patch_parses_without_a_git_header_and_has_no_patch_id()
    {
        // "[PATCH 02/36] x86/idle: Replace x86_idle with a static_call": "1 file changed, 28 insertions(+), 22 deletions(-)".
        var message = DiffCorpus.Single(await DiffCorpus.MessagesAsync(S390), "20220608144516.047149313@infradead.org");

        var patch = PatchBody.Split(message.BodyText);
        var diff = GitDiff.Parse(patch.Diff);

        Assert.StartsWith("--- a/arch/x86/kernel/process.c\n+++ b/arch/x86/kernel/process.c\n@@ -24,6 +24,7 @@\n", patch.Diff, StringComparison.Ordinal);
        var file = Assert.Single(diff.Files);
        Assert.Equal(("arch/x86/kernel/process.c", "arch/x86/kernel/process.c", FileStatus.Modified), (file.OldPath, file.NewPath, file.Status));
        Assert.Equal(new DiffStat(1, 28, 22), diff.Stat);
        Assert.Empty(diff.Problems);
        Assert.Null(PatchId.Compute(patch.Diff));
    }

    [Theory]
    // The counts of diffs of the first test above.
    [InlineData(Zpci, 278)]
    [InlineData(S390, 1357)]
    public async Task A_diff_read_in_place_in_its_body_is_the_diff_read_from_its_copy(string archive, int diffs)
    {
        var compared = 0;
        foreach (var message in await DiffCorpus.MessagesAsync(archive))
        {
            var body = message.BodyText;
            var split = PatchBody.Split(body);
            var (commitMessage, diff) = PatchBody.Locate(body);
            Assert.Equal(split.CommitMessage, commitMessage);
            Assert.Equal(split.Diff, body[diff]);
            Assert.Equal(PatchId.Compute(split.Diff), PatchId.Compute(body.AsSpan()[diff]));
            Assert.Equal(Described(GitDiff.Parse(split.Diff)), Described(GitDiff.Parse(body, diff)));
            compared += split.Diff.Length > 0 ? 1 : 0;
        }

        Assert.Equal(diffs, compared);
    }

    /// <summary>Everything a parsed diff holds but its problems' line numbers, which count from the start of the text read.</summary>
    static List<string> Described(GitDiff diff) =>
    [
        .. diff.Problems.Select(p => p.Kind.ToString()),
        .. diff.Files.SelectMany(f => new[]
            {
                $"{f.OldPath} {f.NewPath} {f.Status} {f.Similarity} {f.OldMode} {f.NewMode} {f.OldBlob} {f.NewBlob} {f.IsBinary} {f.BinaryPatch} {f.Added} {f.Removed}",
                f.Text.ToString(),
            }
            .Concat(f.Hunks.SelectMany(h => h.Lines.Select(l => $"{l.Kind} {l.OldLine} {l.NewLine} {l.NoNewlineAtEnd} {l.Text}")
                .Prepend($"{h.Header} {h.OldStart} {h.OldLines} {h.NewStart} {h.NewLines} {h.Section}")))),
    ];

    static int Number(Match match, string group)
        => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^ (?<files>\d+) files? changed(?:, (?<insertions>\d+) insertions?\(\+\))?(?:, (?<deletions>\d+) deletions?\(-\))?", RegexOptions.Multiline)]
    private static partial Regex DiffStatLine();

    static double Similarity(PatchBody a, PatchBody b) => DiffSketch.Similarity(DiffSketch.Of(GitDiff.Parse(a.Diff)), DiffSketch.Of(GitDiff.Parse(b.Diff)));
}
