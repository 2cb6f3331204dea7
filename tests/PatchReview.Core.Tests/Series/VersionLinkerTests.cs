using PatchReview.Core.Series;
using Xunit;
using static PatchReview.Core.Tests.Series.SeriesMails;

namespace PatchReview.Core.Tests.Series;

public sealed class VersionLinkerTests
{
    const string Title = "s390/dasd: use kzalloc instead of kmalloc/memset";

    /// <summary>A one-patch version by "ann" touching one file, posted <paramref name="day"/> days after the start.</summary>
    static VersionFeatures Version(string key, string version = "1", double day = 0, string title = Title) =>
        new(key, int.Parse(version.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture), version, IsRfc: false,
            IsResend: false, AuthorKey: "ann", Start.AddDays(day), title,
            MessageIds: Set(key), ThreadIds: Set(key), RepliedIds: Set(), MentionedIds: Set(), LabelledIds: Set(), ChangeIds: Set(),
            SupersedesIds: Set(), PatchTitles: Set(VersionFeatures.WithoutSubsystem(title)), Files: Set("drivers/s390/block/dasd.c"))
        {
            IsSinglePatch = true,
        };

    static HashSet<string> Set(params string[] values) => values.ToHashSet(StringComparer.Ordinal);

    static VersionLink? Link(VersionFeatures later, params VersionFeatures[] candidates) => VersionLinker.FindPrevious(later, candidates);

    static List<long> Sketch(string text) => TextSketch.Of(text);

    const string CommitText = """
        The driver allocates the request with kmalloc and clears it with memset right after, which is what
        kzalloc does in one call. Use kzalloc and drop the memset so the two can never drift apart again.
        """;

    [Fact]
    public void Same_subject_and_a_higher_version_links_with_its_signals()
    {
        var link = Link(Version("v2", "2", 1), Version("v1"));

        Assert.NotNull(link);
        Assert.Equal(("v1", "v2", 0.9), (link.PreviousKey, link.NextKey, link.Confidence));
        Assert.Equal(["author", "subject", "patch-titles", "files", "version-order"], link.Signals);
    }

    [Fact]
    public void Another_author_never_links_whatever_else_agrees()
    {
        // A different fix posted as a reply inside another author's series thread (linux-s390, June 2022).
        var earlier = Version("v1") with { ChangeIds = Set("20220101-dasd-1"), ThreadIds = Set("v1", "review") };
        var later = Version("v2", "2", 1) with { AuthorKey = "rob", ChangeIds = Set("20220101-dasd-1"), RepliedIds = Set("review") };

        Assert.Null(Link(later, earlier));
    }

    [Fact]
    public void A_lower_version_never_links_even_with_the_same_subject_and_a_reply()
    {
        var earlier = Version("v3", "3") with { ThreadIds = Set("v3", "review") };
        var later = Version("v1", "1", 1) with { RepliedIds = Set("review") };

        Assert.Null(Link(later, earlier));
    }

    [Fact]
    public void A_version_posted_after_the_later_one_is_no_candidate()
    {
        Assert.Null(Link(Version("v2", "2", 1), Version("v1", "1", 2)));
    }

    [Fact]
    public void A_version_never_links_to_itself()
    {
        Assert.Null(Link(Version("v1"), Version("v1")));
    }

    [Fact]
    public void The_same_number_with_the_same_subject_does_not_link_a_series()
    {
        var earlier = Version("a") with { IsSinglePatch = false };
        var later = Version("b", "1", 1) with { IsSinglePatch = false };

        Assert.Null(Link(later, earlier));
    }

    [Fact]
    public void The_same_number_links_as_a_resend()
    {
        var link = Link(Version("resend", "5", 7) with { IsResend = true }, Version("v5", "5"));

        Assert.Equal(("v5", 0.9), (link?.PreviousKey, link?.Confidence));
        Assert.Contains("version-order", link!.Signals);
    }

    [Fact]
    public void The_same_number_links_as_the_patch_after_an_rfc_but_not_the_other_way()
    {
        var rfc = Version("rfc") with { IsRfc = true };
        var patch = Version("patch", "1", 1);

        Assert.Equal("rfc", Link(patch, rfc)?.PreviousKey);
        Assert.Null(Link(Version("rfc-again", "1", 2) with { IsRfc = true }, Version("patch", "1", 1) with { IsSinglePatch = false }));
    }

    [Fact]
    public void The_same_number_links_when_sent_in_reply_into_the_earlier_conversation()
    {
        // "[PATCH] kernel: Ftrace seems to have functions…" respun without a number, in reply to Steven Rostedt's review.
        var earlier = Version("first") with { ThreadIds = Set("first", "review") };
        var later = Version("respin", "1", 1, "kernel: ftrace seems to have functions to improve performance through optimization")
            with { RepliedIds = Set("review", "first") };

        var link = Link(later, earlier);

        Assert.Equal(("first", 0.95), (link?.PreviousKey, link?.Confidence));
        Assert.Equal(["author", "in-reply-to", "files"], link!.Signals);
    }

    [Fact]
    public void A_reply_into_the_thread_of_an_unrelated_series_of_the_same_author_does_not_link()
    {
        var earlier = Version("old") with { ThreadIds = Set("old", "review"), Files = Set("arch/s390/kvm/kvm-s390.c") };
        var later = Version("new", "1", 1, "s390/net: something else") with { RepliedIds = Set("review"), PatchTitles = Set("something else") };

        Assert.Null(Link(later, earlier));
    }

    [Fact]
    public void A_reply_to_a_mail_of_the_earlier_sending_run_missing_from_the_archive_links()
    {
        // [PATCH v3 4/8] References 20220502160030.131168-8-cgzones@…, patch 8 of the v2 run, never on the list;
        // only v2 4/8 (…-3-…) reached it.
        var earlier = Version("20220502160030.131168-3-cgzones@googlemail.com", "2", 0, "drivers: use new capable_or functionality");
        var later = Version("20220615152623.311223-3-cgzones@googlemail.com", "3", 44, "drivers: use new capable_any functionality")
            with { RepliedIds = Set("20220615152623.311223-1-cgzones@googlemail.com", "20220502160030.131168-8-cgzones@googlemail.com") };

        var link = Link(later, earlier);

        Assert.Equal(earlier.Key, link?.PreviousKey);
        Assert.Contains("in-reply-to", link!.Signals);
    }

    [Fact]
    public void A_reply_into_its_own_missing_cover_is_no_reply_into_an_earlier_version()
    {
        // v6's patches answer v6's own cover, which never reached the list; v5 shares nothing else with it.
        var earlier = Version("20220425161731.1575742-1-scgl@linux.ibm.com", "5", 0, "s390x: test effect of storage keys");
        var later = Version("20220427100611.2119860-2-scgl@linux.ibm.com", "6", 2, "s390x: give name to return value of tprot()")
            with { RepliedIds = Set("20220427100611.2119860-1-scgl@linux.ibm.com"), PatchTitles = Set("give name to return value of tprot()") };

        Assert.Null(Link(later, earlier));
    }

    [Fact]
    public void A_reply_into_a_sibling_posting_that_answered_the_same_thread_does_not_link_the_sibling()
    {
        // Juerg Haefliger's "[PATCH 2/2 v2] s390: Kconfig.debug: …" answers a review of the v1 cover; "[PATCH 1/2 v2]
        // s390: Kconfig: …" answered another review in that thread. The v1 posting is the previous version of both.
        var v1 = Version("v1-cover", "1", 0, "s390: kconfig: style cleanups") with
        {
            ThreadIds = Set("v1-cover", "v1-1", "v1-2", "review-1", "review-cover"),
            Files = Set("arch/s390/Kconfig", "arch/s390/Kconfig.debug"),
            IsSinglePatch = false,
        };
        var sibling = Version("v2-1", "2", 3, "s390: kconfig: fix indentation") with
        {
            ThreadIds = Set("v2-1"),
            RepliedIds = Set("review-1", "v1-cover"),
            Files = Set("arch/s390/Kconfig"),
        };
        var later = Version("v2-2", "2", 5, "s390: kconfig.debug: fix indentation") with
        {
            RepliedIds = Set("review-cover", "v1-cover"),
            Files = Set("arch/s390/Kconfig.debug"),
        };

        Assert.Equal("v1-cover", Link(later, v1, sibling)?.PreviousKey);
    }

    [Fact]
    public void The_highest_lower_version_wins()
    {
        var link = Link(Version("v4", "4", 10), Version("v1", "1", 0), Version("v3", "3", 2), Version("v2", "2", 5));

        Assert.Equal("v3", link?.PreviousKey);
    }

    [Fact]
    public void Among_sends_of_one_number_the_latest_wins()
    {
        var link = Link(Version("v2", "2", 10), Version("v1-first", "1", 0), Version("v1-again", "1", 3));

        Assert.Equal("v1-again", link?.PreviousKey);
    }

    [Fact]
    public void A_lower_version_goes_before_the_same_number_reached_by_a_reply()
    {
        var v1 = Version("v1", "1", 0);
        var v2 = Version("v2", "2", 1) with { ThreadIds = Set("v2", "review") };
        var later = Version("v2-respin", "2", 2) with { RepliedIds = Set("review") };

        Assert.Equal("v1", Link(later, v2, v1)?.PreviousKey);
    }

    [Fact]
    public void A_resend_follows_the_latest_send_of_its_own_number()
    {
        // PCI: Rework pci_scan_slot(): v5, then RESEND v5 twice, then v6.
        var resend = Version("resend-v5", "5", 7) with { IsResend = true };

        Assert.Equal("v5", Link(resend, Version("v4", "4", 0), Version("v5", "5", 6))?.PreviousKey);
        Assert.Equal("resend-v5", Link(Version("v6", "6", 40), Version("v5", "5", 6), resend)?.PreviousKey);
    }

    [Theory]
    [InlineData("5", "5.1", -1)]
    [InlineData("5.1", "6", -1)]
    [InlineData("10", "9", 1)]
    [InlineData("2", "2", 0)]
    [InlineData("2", "2.0", 0)]
    [InlineData("5.2", "5.10", -1)]
    [InlineData("5.", "5", 0)]
    [InlineData("5..1", "5.0.1", 0)]
    [InlineData("", "1", -1)]
    [InlineData("x", "0", 0)]
    [InlineData("3.x.2", "3.0.1", 1)]
    public void Versions_compare_by_their_numbers_as_written(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(VersionLinker.CompareVersions(a, b)));
    }

    [Fact]
    public void A_point_version_follows_its_whole_version_and_precedes_the_next()
    {
        Assert.Equal("v5", Link(Version("v5.1", "5.1", 1), Version("v5", "5"))?.PreviousKey);
        Assert.Equal("v5.1", Link(Version("v6", "6", 2), Version("v5", "5"), Version("v5.1", "5.1", 1))?.PreviousKey);
    }

    [Fact]
    public void A_shared_change_id_links_with_full_confidence_whatever_the_subject()
    {
        var earlier = Version("v1", "1", 0, "mm: one title") with { ChangeIds = Set("20240101-topic-abc123") };
        var later = Version("v2", "2", 1, "mm: another title entirely") with { ChangeIds = Set("20240101-topic-abc123"), PatchTitles = Set("x") };

        var link = Link(later, earlier);

        Assert.Equal((1.0, true), (link?.Confidence, link?.Signals.Contains("change-id")));
    }

    [Fact]
    public void Supersedes_naming_a_mail_of_the_earlier_version_links()
    {
        var earlier = Version("v1", "1", 0, "mm: alpha") with { MessageIds = Set("v1", "v1-patch") };
        var later = Version("v2", "2", 1, "net: beta") with { SupersedesIds = Set("v1-patch"), Files = Set("net/core/dev.c") };

        Assert.Equal(["author", "supersedes", "version-order"], Link(later, earlier)?.Signals);
    }

    [Fact]
    public void A_labelled_link_to_the_earlier_version_links_across_a_new_subject()
    {
        // "pci: extend isolated function probing to s390" became "PCI: Rework pci_scan_slot() and isolated PCI
        // functions", its cover saying "In an earlier version[0]" with [0] pointing at the old patch 1/2.
        var earlier = Version("old", "1", 0, "pci: extend isolated function probing to s390") with { MessageIds = Set("old", "old-2") };
        var later = Version("new", "2", 8, "pci: rework pci_scan_slot() and isolated pci functions") with
        {
            MentionedIds = Set("old"),
            LabelledIds = Set("old"),
            PatchTitles = Set("unrelated"),
            Files = Set("drivers/pci/probe.c"),
        };

        Assert.Equal(0.95, Link(later, earlier)?.Confidence);
    }

    [Fact]
    public void An_unlabelled_link_counts_only_when_titles_or_subjects_agree()
    {
        // zPCI v8's cover links "vfio: remove vfio_group_notify_set_kvm", which it depends on.
        var dependency = Version("vfio", "1", 0, "vfio: remove vfio_group_notify_set_kvm") with { Files = Set("drivers/vfio/vfio.c") };
        var series = Version("zpci", "8", 7, "kvm: s390: enable zpci for interpretive execution") with
        {
            MentionedIds = Set("vfio"),
            PatchTitles = Set("enable zpci"),
            Files = Set("drivers/vfio/vfio.c", "arch/s390/kvm/pci.c"),
        };
        var renamed = Version("renamed", "2", 7, "vfio: drop vfio_group_notify_set_kvm") with { MentionedIds = Set("vfio"), PatchTitles = Set("x") };

        Assert.Null(Link(series, dependency));
        Assert.Equal(["author", "lore-link", "subject-words", "version-order"], Link(renamed, dependency)?.Signals);
    }

    [Fact]
    public void Patch_titles_half_alike_link_when_the_subjects_share_a_third()
    {
        var earlier = Version("v11", "11", 0, "riscv: add compat mode support for rv64") with
        {
            PatchTitles = Set("a", "b", "c", "d"),
            IsSinglePatch = false,
        };
        var later = Version("v12", "12", 3, "riscv: add compat mode support for 64bit") with
        {
            PatchTitles = Set("a", "b", "c", "e"),
            Files = Set("other.c"),
            IsSinglePatch = false,
        };
        var unlike = later with { Key = "unlike", NormalizedTitle = "net: totally different words" };

        Assert.Equal(0.75, Link(later, earlier)?.Confidence);
        Assert.Null(Link(unlike, earlier));
    }

    [Fact]
    public void A_subject_nearly_alike_links_when_files_agree()
    {
        // "virtio pci support VIRTIO_F_RING_RESET (refactor vring)" v9 → "virtio pci support VIRTIO_F_RING_RESET" v10.
        var earlier = Version("v9", "9", 0, "virtio pci support virtio_f_ring_reset (refactor vring)") with { PatchTitles = Set("a") };
        var later = Version("v10", "10", 79, "virtio pci support virtio_f_ring_reset") with { PatchTitles = Set("b") };
        var elsewhere = later with { Key = "elsewhere", Files = Set("drivers/virtio/other.c") };

        Assert.Equal(["author", "subject-words", "files", "version-order"], Link(later, earlier)?.Signals);
        Assert.Null(Link(elsewhere, earlier));
    }

    [Fact]
    public void A_single_patch_sent_again_under_the_same_subject_and_number_links_as_a_respin()
    {
        var link = Link(Version("again", "1", 0.25), Version("first"));

        Assert.Equal(0.55, link?.Confidence);
        Assert.Equal(["author", "subject", "patch-titles", "files"], link!.Signals);
    }

    [Fact]
    public void A_respin_needs_single_patches_touching_the_same_files()
    {
        Assert.Null(Link(Version("again", "1", 1) with { Files = Set("drivers/s390/net/qeth.c") }, Version("first")));
        Assert.Null(Link(Version("again", "1", 1) with { IsSinglePatch = false }, Version("first")));
    }

    [Fact]
    public void Commit_text_largely_the_same_links_a_higher_version_within_sixty_days()
    {
        // "net/smc: two fixes for using smc with io_uring" v1 1/2 went on alone as a v2 with its own subject.
        var earlier = Version("v1", "1", 0, "net/smc: two fixes for using smc with io_uring") with
        {
            IsSinglePatch = false,
            PatchTitles = Set("x"),
            Files = Set("net/smc/af_smc.c", "net/smc/smc_rx.c"),
            TextSketches = [Sketch(CommitText), Sketch("Another patch about connect and its behaviour compared with what TCP does here.")],
        };
        var later = Version("v2", "2", 3, "net/smc: non blocking recvmsg() return -EAGAIN when no data and signal_pending") with
        {
            PatchTitles = Set("y"),
            Files = Set("net/smc/smc_rx.c", "net/smc/smc_tx.c"),
            TextSketches = [Sketch(CommitText + "\nFixes: 846e344eb722 (\"net/smc: add receive timeout check\")\nReviewed-by: Tony Lu <tonylu@linux.alibaba.com>")],
        };

        var link = Link(later, earlier);

        Assert.Equal(0.6, link?.Confidence);
        Assert.Equal(["author", "text", "version-order"], link!.Signals);
        Assert.Null(Link(later with { Date = earlier.Date!.Value.AddDays(61) }, earlier));
        Assert.Null(Link(later with { Files = Set("net/smc/af_smc.c", "net/smc/smc_rx.c", "a", "b") }, earlier with { Files = Set("net/smc/af_smc.c", "c", "d", "e") }));
    }

    [Fact]
    public void Commit_text_links_the_same_number_only_between_single_patches_all_but_the_same()
    {
        // "net/smc: sync err info when TCP connection is refused" came back from another address with a reworded
        // subject and the same commit message (H9 of the 2022q2 review).
        var earlier = Version("first", "1", 0, "net/smc: sync err info when tcp connection is refused") with { TextSketches = [Sketch(CommitText)] };
        var later = Version("again", "1", 4, "net/smc: sync err code when tcp connection was refused") with
        {
            PatchTitles = Set("sync err code when tcp connection was refused"),
            TextSketches = [Sketch(CommitText)],
        };
        var reworded = later with
        {
            TextSketches = [Sketch(CommitText.Replace("Use kzalloc and drop the memset so the two can never drift apart again.",
                "Switch the allocation over so that the buffer comes back zeroed from the very start.", StringComparison.Ordinal))],
        };

        Assert.Equal(["author", "subject-words", "files", "text"], Link(later, earlier)?.Signals);
        Assert.Null(Link(reworded, earlier));
        Assert.Null(Link(later with { IsSinglePatch = false }, earlier with { IsSinglePatch = false }));
    }

    [Fact]
    public void Stable_backports_neither_have_nor_are_previous_versions()
    {
        // [PATCH AUTOSEL 5.17 032/149] and [PATCH AUTOSEL 5.16 022/109]: one commit, two branches.
        var original = Version("original");
        var backport = Version("autosel", "2", 1) with { IsBackport = true };

        Assert.Null(Link(backport, original));
        Assert.Null(Link(Version("v2", "2", 2), backport));
        Assert.Equal("original", Link(Version("v2", "2", 2), backport, original)?.PreviousKey);
    }

    [Theory]
    [InlineData("20220502160030.131168-8-cgzones@googlemail.com", "20220502160030.131168|cgzones@googlemail.com")]
    [InlineData("20220502160030.131168-12-cgzones@googlemail.com", "20220502160030.131168|cgzones@googlemail.com")]
    [InlineData("1649212651-32038-1-git-send-email-baihaowen@meizu.com", "1649212651-32038|-git-send-email-baihaowen@meizu.com")]
    [InlineData("cover.1651216964.git.baolin.wang@linux.alibaba.com", "1651216964.git.baolin.wang@linux.alibaba.com")]
    [InlineData("9f1c2b3a4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90.1651216964.git.baolin.wang@linux.alibaba.com", "1651216964.git.baolin.wang@linux.alibaba.com")]
    [InlineData("0-v1-a8faf768d202+125dd-vfio_mdev_no_group_jgg@nvidia.com", null)]
    [InlineData("6208840a-8d3f-4f3b-9b4e-9c2d3f0e1a2b@linux.ibm.com", null)]
    [InlineData("20220517101351.273b385f@gandalf.local.home", null)]
    [InlineData("no-at-sign", null)]
    public void The_posting_of_a_message_id_is_what_one_sending_run_shares(string messageId, string? expected)
    {
        Assert.Equal(expected, VersionLinker.PostingOf(messageId));
    }

    [Theory]
    [InlineData("s390x: kvm: cpu topology", "cpu topology")]
    [InlineData("kvm: s390: cpu topology", "cpu topology")]
    [InlineData("cpu topology", "cpu topology")]
    [InlineData("revert \"net/smc: fix listen processing\"", "fix listen processing\"")]
    public void A_title_without_its_subsystem_is_what_follows_the_last_colon(string title, string expected)
    {
        Assert.Equal(expected, VersionFeatures.WithoutSubsystem(title));
    }
}
