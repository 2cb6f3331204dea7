using PatchReview.Core.Mail;
using PatchReview.Core.Series;
using Xunit;
using static PatchReview.Core.Tests.Series.SeriesMails;

namespace PatchReview.Core.Tests.Series;

// The grouper takes header records, not mail, so each scenario's messages sit inline beside it: ids, subjects,
// parents and minutes are the whole story.
public sealed class SeriesGrouperTests
{
    [Fact]
    public void Cover_and_patches_threaded_under_it_are_one_complete_version()
    {
        var groups = SeriesGrouper.Group(Threaded(
            Message("c", "[PATCH v2 0/3] s390: tidy up"),
            Message("p1", "[PATCH v2 1/3] s390: one", "c", 1),
            Message("p2", "[PATCH v2 2/3] s390: two", "c", 2),
            Message("p3", "[PATCH v2 3/3] s390: three", "c", 3)));

        var group = Assert.Single(groups);
        Assert.Equal("c", group.Head.MessageId);
        Assert.Equal("c", group.Cover?.MessageId);
        Assert.Equal(["p1", "p2", "p3"], group.Patches.Select(p => p.MessageId));
        Assert.Equal((2, "2", 3, true), (group.Version, group.VersionText, group.DeclaredTotal, group.IsComplete));
        Assert.Equal("s390: tidy up", group.Title);
        Assert.Empty(group.Resent);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(9)]
    public void Without_a_cover_patches_2_to_n_threaded_under_patch_1_are_one_version(int total)
    {
        var mails = new List<SeriesMail> { Message("p1", $"[PATCH 1/{total}] s390: first") };
        for (var i = 2; i <= total; i++)
        {
            mails.Add(Message($"p{i}", $"[PATCH {i}/{total}] s390: patch {i}", "p1", i));
        }

        var group = Assert.Single(SeriesGrouper.Group(Threaded([.. mails])));

        Assert.Null(group.Cover);
        Assert.Equal("p1", group.Head.MessageId);
        Assert.Equal(Enumerable.Range(1, total).Select(i => $"p{i}"), group.Patches.Select(p => p.MessageId));
        Assert.True(group.IsComplete);
    }

    [Fact]
    public void Chain_reply_to_patches_each_under_the_previous_are_one_version()
    {
        // git send-email --chain-reply-to: 0/3 <- 1/3 <- 2/3 <- 3/3.
        var group = Assert.Single(SeriesGrouper.Group(Threaded(
            Message("c", "[PATCH 0/3] mm: chain"),
            Message("p1", "[PATCH 1/3] mm: one", "c", 1),
            Message("p2", "[PATCH 2/3] mm: two", "p1", 2),
            Message("p3", "[PATCH 3/3] mm: three", "p2", 3))));

        Assert.Equal(["p1", "p2", "p3"], group.Patches.Select(p => p.MessageId));
        Assert.Equal("c", group.Head.MessageId);
    }

    [Fact]
    public void Unthreaded_patches_of_one_sender_within_an_hour_are_one_version()
    {
        var group = Assert.Single(SeriesGrouper.Group(Threaded(
            Message("p2", "[PATCH v3 2/3] two", minute: 1),
            Message("p1", "[PATCH v3 1/3] one", minute: 0),
            Message("p3", "[PATCH v3 3/3] three", minute: 59))));

        Assert.Equal(["p1", "p2", "p3"], group.Patches.Select(p => p.MessageId));
        Assert.Equal("p1", group.Head.MessageId);
    }

    [Fact]
    public void The_hour_counts_from_the_latest_mail_of_the_posting()
    {
        // A slow send: each patch within the hour of the one before, the last 100 minutes after the first.
        var group = Assert.Single(SeriesGrouper.Group(Threaded(
            Message("p1", "[PATCH 1/3] one", minute: 0),
            Message("p2", "[PATCH 2/3] two", minute: 50),
            Message("p3", "[PATCH 3/3] three", minute: 100))));

        Assert.Equal(3, group.Patches.Count);
    }

    [Fact]
    public void An_unthreaded_patch_more_than_an_hour_after_the_posting_starts_a_version_of_its_own()
    {
        var groups = SeriesGrouper.Group(Threaded(
            Message("p1", "[PATCH 1/2] one", minute: 0),
            Message("p2", "[PATCH 2/2] two", minute: 61)));

        Assert.Equal([["p1"], ["p2"]], groups.Select(g => g.Patches.Select(p => p.MessageId).ToArray()));
        Assert.Equal([[2], [1]], groups.Select(g => g.MissingIndices.ToArray()));
    }

    [Theory]
    [InlineData("[PATCH v3 2/3] two", "rob@example.org")] // another sender
    [InlineData("[PATCH v2 2/3] two", "ann@example.org")] // another version
    [InlineData("[PATCH v3 2/4] two", "ann@example.org")] // another total
    public void Unthreaded_patches_of_another_sender_version_or_total_stay_apart(string subject, string email)
    {
        var groups = SeriesGrouper.Group(Threaded(
            Message("p1", "[PATCH v3 1/3] one"),
            Message("p2", subject, minute: 1, from: new("Someone", email))));

        Assert.Equal(2, groups.Count);
    }

    [Fact]
    public void An_unthreaded_patch_1_starts_a_new_posting_even_within_the_hour()
    {
        // The same set sent twice in a row: the second 1/2 opens the second send, and its 2/2 joins it.
        var groups = SeriesGrouper.Group(Threaded(
            Message("a1", "[PATCH 1/2] one", minute: 0),
            Message("a2", "[PATCH 2/2] two", minute: 1),
            Message("b1", "[PATCH 1/2] one", minute: 10),
            Message("b2", "[PATCH 2/2] two", minute: 11)));

        Assert.Equal([["a1", "a2"], ["b1", "b2"]], groups.Select(g => g.Patches.Select(p => p.MessageId).ToArray()));
    }

    [Fact]
    public void Unthreaded_patches_join_an_unthreaded_cover_of_the_same_set()
    {
        var group = Assert.Single(SeriesGrouper.Group(Threaded(
            Message("c", "[PATCH 0/2] cover"),
            Message("p1", "[PATCH 1/2] one", minute: 1),
            Message("p2", "[PATCH 2/2] two", minute: 2))));

        Assert.Equal("c", group.Cover?.MessageId);
        Assert.Equal(["p1", "p2"], group.Patches.Select(p => p.MessageId));
    }

    [Fact]
    public void A_resend_of_one_index_is_kept_apart_from_the_patch_it_repeats()
    {
        var group = Assert.Single(SeriesGrouper.Group(Threaded(
            Message("c", "[PATCH 0/2] cover"),
            Message("p1", "[PATCH 1/2] one", "c", 1),
            Message("p2", "[PATCH 2/2] two", "c", 2),
            Message("p2-again", "[PATCH 2/2] two", "p2", 30))));

        Assert.Equal(["p1", "p2"], group.Patches.Select(p => p.MessageId));
        Assert.Equal(["p2-again"], group.Resent.Select(p => p.MessageId));
        Assert.True(group.IsComplete);
    }

    [Fact]
    public void Replies_at_any_depth_are_attributed_to_the_cover_or_patch_they_hang_under()
    {
        var group = Assert.Single(SeriesGrouper.Group(Threaded(
            Message("c", "[PATCH 0/2] cover"),
            Message("p1", "[PATCH 1/2] one", "c", 1),
            Message("p2", "[PATCH 2/2] two", "c", 2),
            Message("r-c", "Re: [PATCH 0/2] cover", "c", 10, Rob),
            Message("r-p2", "Re: [PATCH 2/2] two", "p2", 11, Rob),
            Message("r-r-p2", "Re: [PATCH 2/2] two", "r-p2", 12),
            Message("r-r-r-p2", "Re: [PATCH 2/2] two", "r-r-p2", 13, Rob),
            Message("r-missing", "Re: [PATCH 1/2] one", "never-received", 14, Rob))));

        Assert.Equal(
            [("r-c", "c"), ("r-p2", "p2"), ("r-r-p2", "p2"), ("r-r-r-p2", "p2")],
            group.Replies.Select(r => (r.Reply.MessageId, r.Under.MessageId)).OrderBy(r => r.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public void A_v2_cover_threaded_under_the_v1_cover_opens_a_version_of_its_own()
    {
        var groups = SeriesGrouper.Group(Threaded(
            Message("v1", "[PATCH 0/2] cover"),
            Message("v1-1", "[PATCH 1/2] one", "v1", 1),
            Message("v1-2", "[PATCH 2/2] two", "v1", 2),
            Message("v2", "[PATCH v2 0/2] cover", "v1", 100),
            Message("v2-1", "[PATCH v2 1/2] one", "v2", 101),
            Message("v2-2", "[PATCH v2 2/2] two", "v2", 102)));

        Assert.Equal([("v1", 1, 2), ("v2", 2, 2)], groups.Select(g => (g.Head.MessageId, g.Version, g.Patches.Count)));
    }

    [Fact]
    public void V2_patches_without_a_cover_threaded_under_the_v1_cover_are_a_version_of_their_own()
    {
        var groups = SeriesGrouper.Group(Threaded(
            Message("v1", "[PATCH 0/2] cover"),
            Message("v1-1", "[PATCH 1/2] one", "v1", 1),
            Message("v1-2", "[PATCH 2/2] two", "v1", 2),
            Message("v2-1", "[PATCH v2 1/2] one", "v1", 100),
            Message("v2-2", "[PATCH v2 2/2] two", "v2-1", 101)));

        Assert.Equal([("v1", 1, 2), ("v2-1", 2, 2)], groups.Select(g => (g.Head.MessageId, g.Version, g.Patches.Count)));
    }

    [Fact]
    public void A_patch_v5_1_sent_in_reply_to_its_v5_patch_is_a_version_of_its_own()
    {
        var groups = SeriesGrouper.Group(Threaded(
            Message("c", "[PATCH v5 0/8] series"),
            Message("p3", "[PATCH v5 3/8] three", "c", 3),
            Message("review", "Re: [PATCH v5 3/8] three", "p3", 60, Rob),
            Message("p3.1", "[PATCH v5.1 3/8] three", "review", 120)));

        Assert.Equal(2, groups.Count);
        var revised = groups.Single(g => g.Head.MessageId == "p3.1");
        Assert.Equal((5, "5.1", 8), (revised.Version, revised.VersionText, revised.DeclaredTotal));
        Assert.Equal(["review"], groups.Single(g => g.Head.MessageId == "c").Replies.Select(r => r.Reply.MessageId));
    }

    [Fact]
    public void A_cover_takes_patches_of_its_version_whatever_total_they_give()
    {
        // [kvm-unit-tests PATCH v3 0/4] More skey instr. emulation test over patches numbered n/3 (May 2022).
        var group = Assert.Single(SeriesGrouper.Group(Threaded(
            Message("c", "[kvm-unit-tests PATCH v3 0/4] More skey instr. emulation test"),
            Message("p1", "[kvm-unit-tests PATCH v3 1/3] one", "c", 1),
            Message("p2", "[kvm-unit-tests PATCH v3 2/3] two", "c", 2),
            Message("p3", "[kvm-unit-tests PATCH v3 3/3] three", "c", 3))));

        Assert.Equal(3, group.Patches.Count);
        Assert.Equal(3, group.DeclaredTotal);
        Assert.True(group.IsComplete);
    }

    [Fact]
    public void An_untagged_cover_takes_the_patches_that_name_no_version()
    {
        // Christoph Hellwig, April 2022: the version only as a trailing " v2", the patches untouched by -v.
        var group = Assert.Single(SeriesGrouper.Group(Threaded(
            Cover("c", "use block_device based APIs in block layer consumers", "2"),
            Message("p1", "[PATCH 01/27] target: remove an incorrect unmap zeroes data deduction", "c", 1),
            Message("p2", "[PATCH 02/27] target: fix discard alignment on partitions", "c", 2))));

        Assert.Equal((2, 27), (group.Version, group.DeclaredTotal));
        Assert.Equal(["p1", "p2"], group.Patches.Select(p => p.MessageId));
        Assert.Equal(Enumerable.Range(3, 25), group.MissingIndices);
    }

    [Fact]
    public void A_patch_vN_without_index_heads_the_numbered_patches_below_it()
    {
        // Randy Dunlap's "[PATCH v2] Documentation: kernel-parameters: …" lists its three patches; one reached the list.
        var group = Assert.Single(SeriesGrouper.Group(Threaded(
            Cover("c", "Documentation: kernel-parameters: alphabetize and misc. fixes", "2"),
            Message("p1", "[PATCH v2 1/3] Docs: admin/kernel-parameters: edit a few boot options", "c", 0.1))));

        Assert.Equal("c", group.Head.MessageId);
        Assert.Equal(3, group.DeclaredTotal);
        Assert.Equal([2, 3], group.MissingIndices);
    }

    [Fact]
    public void Patches_that_name_no_version_belong_under_a_versioned_cover_with_the_same_total()
    {
        // "[PATCH v2 0/5] bitmap: fix conversion from/to fix-sized arrays" over "[PATCH 1/5] …" (Yury Norov, April 2022).
        var groups = SeriesGrouper.Group(Threaded(
            Message("c", "[PATCH v2 0/5] bitmap: fix conversion from/to fix-sized arrays"),
            Message("p1", "[PATCH 1/5] lib/bitmap: extend comment", "c", 0.1),
            Message("other", "[PATCH 1/4] lib/bitmap: something else", "c", 0.2)));

        Assert.Equal([["p1"], ["other"]], groups.Select(g => g.Patches.Select(p => p.MessageId).ToArray()));
    }

    [Fact]
    public void A_fractional_patch_from_anyone_slots_into_the_series_it_answers()
    {
        // Tony Lindgren's "[PATCH 34.5/36] cpuidle,omap4: …" below Peter Zijlstra's 34/36: "one more for your series".
        var peter = new Person("Peter Zijlstra", "peterz@infradead.org");
        var group = Assert.Single(SeriesGrouper.Group(Threaded(
            Message("c", "[PATCH 00/36] cpuidle,rcu: Clean up the mess", from: peter),
            Message("p34", "[PATCH 34/36] cpuidle,omap3: Push RCU-idle", "c", 1, peter),
            Message("p34.5", "[PATCH 34.5/36] cpuidle,omap4: Push RCU-idle", "p34", 100))));

        Assert.Equal(["p34", "p34.5"], group.Patches.Select(p => p.MessageId));
        Assert.Empty(group.Resent);
    }

    [Fact]
    public void A_numbered_patch_of_another_sender_below_a_cover_is_not_part_of_it()
    {
        var groups = SeriesGrouper.Group(Threaded(
            Message("c", "[PATCH 0/2] cover"),
            Message("p1", "[PATCH 1/2] one", "c", 1),
            Message("p2", "[PATCH 2/2] two", "c", 2),
            Message("fix", "[PATCH 1/2] a fix on top", "c", 60, Rob)));

        Assert.Equal([("c", 2), ("fix", 1)], groups.Select(g => (g.Head.MessageId, g.Patches.Count)));
    }

    [Fact]
    public void A_second_address_with_the_same_name_is_the_same_sender()
    {
        // Juerg Haefliger sent from juerg.haefliger@canonical.com and juergh@canonical.com.
        var group = Assert.Single(SeriesGrouper.Group(Threaded(
            Message("p1", "[PATCH 1/2] one", from: new("Juerg Haefliger", "juerg.haefliger@canonical.com")),
            Message("p2", "[PATCH 2/2] two", "p1", 1, new("Juerg Haefliger", "juergh@canonical.com")))));

        Assert.Equal(2, group.Patches.Count);
    }

    [Fact]
    public void A_single_patch_is_a_complete_version_of_one_and_a_respin_in_reply_to_a_review_is_another()
    {
        var groups = SeriesGrouper.Group(Threaded(
            Message("v1", "[PATCH] s390: fix"),
            Message("review", "Re: [PATCH] s390: fix", "v1", 10, Rob),
            Message("v2", "[PATCH v2] s390: fix", "review", 100)));

        Assert.Equal([("v1", 1, 1, true), ("v2", 2, 1, true)], groups.Select(g => (g.Head.MessageId, g.Version, g.DeclaredTotal, g.IsComplete)));
        Assert.Equal(["review"], groups[0].Replies.Select(r => r.Reply.MessageId));
    }

    [Fact]
    public void A_cover_that_arrived_alone_is_an_incomplete_version()
    {
        var group = Assert.Single(SeriesGrouper.Group(Threaded(Message("c", "[PATCH v6 00/17] archs/random: fallback"))));

        Assert.Empty(group.Patches);
        Assert.Equal(17, group.MissingIndices.Count);
        Assert.False(group.IsComplete);
    }

    [Fact]
    public void A_cover_sent_twice_makes_two_versions()
    {
        // "simplify the mdev interface v3" went out alone, and 80 seconds later again with its patches.
        var groups = SeriesGrouper.Group(Threaded(
            Cover("first", "simplify the mdev interface", "3"),
            Cover("second", "simplify the mdev interface", "3", 1.5),
            Message("p1", "[PATCH 01/13] drm/i915/gvt: fix a memory leak", "second", 1.6)));

        Assert.Equal([("first", 0), ("second", 1)], groups.Select(g => (g.Head.MessageId, g.Patches.Count)));
    }

    [Fact]
    public void Pull_requests_and_the_patches_they_carry_are_not_versions()
    {
        var groups = SeriesGrouper.Group(Threaded(
            Message("pull", "[GIT PULL 00/42] KVM: s390: pull for 5.20"),
            Message("carried", "[GIT PULL 01/42] s390/sclp: detect the zPCI load/store interpretation facility", "pull", 1),
            Message("reply", "Re: [GIT PULL 00/42] KVM: s390: pull for 5.20", "pull", 2, Rob)));

        Assert.Empty(groups);
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_of_the_input()
    {
        var mails = Threaded(
            Message("c", "[PATCH 0/2] cover"),
            Message("p1", "[PATCH 1/2] one", "c", 1),
            Message("p2", "[PATCH 2/2] two", "c", 2),
            Message("r", "Re: [PATCH 1/2] one", "p1", 3, Rob),
            Message("u1", "[PATCH v2 1/2] one", minute: 50),
            Message("u2", "[PATCH v2 2/2] two", minute: 51));
        string Render(IReadOnlyList<VersionGroup> groups) => string.Join(" | ", groups.Select(g =>
            $"{g.Head.MessageId}: {string.Join(",", g.Patches.Select(p => p.MessageId))} / {string.Join(",", g.Replies.Select(r => r.Reply.MessageId))}"));

        var forward = Render(SeriesGrouper.Group(mails));
        var backward = Render(SeriesGrouper.Group([.. Enumerable.Reverse(mails)]));

        Assert.Equal("c: p1,p2 / r | u1: u1,u2 / ", forward);
        Assert.Equal(forward, backward);
    }
}
