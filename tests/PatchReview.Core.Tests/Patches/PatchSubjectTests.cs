using PatchReview.Core.Patches;
using Xunit;

namespace PatchReview.Core.Tests.Patches;

public sealed class PatchSubjectTests
{
    [Fact]
    public void House_style_example_parses_version_index_and_total()
    {
        var subject = PatchSubject.Parse("[PATCH v7 10/22] subsys: short summary");

        Assert.Equal(7, subject.Version);
        Assert.Equal(10, subject.Index);
        Assert.Equal(22, subject.Total);
        Assert.False(subject.IsRfc);
        Assert.False(subject.VersionInferred);
        Assert.Equal("7", subject.VersionText);
        Assert.Equal("10", subject.IndexText);
        Assert.Equal("subsys: short summary", subject.Title);
        Assert.Equal("subsys: short summary", subject.NormalizedTitle);
        Assert.Empty(subject.Tags);
        Assert.False(subject.IsReply);
        Assert.False(subject.IsResend);
        Assert.False(subject.IsPull);
    }

    // Columns: subject, version, version inferred, version text, index, index text, total, tags joined by '|', title.
    [Theory]
    [InlineData("[PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks", 6, false, "6", 16, "16", 21, "", "vfio-pci/zdev: add open/close device hooks")]
    [InlineData("[PATCHv3 02/10] s390/pci: foo", 3, false, "3", 2, "02", 10, "", "s390/pci: foo")]
    [InlineData("[PATCHv2] s390/irq: utilize RCU instead of irq_lock_sparse() in show_msi_interrupt()", 2, false, "2", null, null, null, "", "s390/irq: utilize RCU instead of irq_lock_sparse() in show_msi_interrupt()")]
    [InlineData("[PATCH 1/8] foo", 1, true, null, 1, "1", 8, "", "foo")]
    [InlineData("[PATCH1/8] foo", 1, true, null, 1, "1", 8, "", "foo")]
    [InlineData("[PATCH V2 1/3] foo", 2, false, "2", 1, "1", 3, "", "foo")]
    [InlineData("[patch V2 13/31] s390/pci: Rework MSI descriptor walk", 2, false, "2", 13, "13", 31, "", "s390/pci: Rework MSI descriptor walk")]
    [InlineData("[patch] foo", 1, true, null, null, null, null, "", "foo")]
    [InlineData("[PATCH] ", 1, true, null, null, null, null, "", "")]
    [InlineData("[PATCH]", 1, true, null, null, null, null, "", "")]
    [InlineData("[PATCH v5.1 3/8] foo", 5, false, "5.1", 3, "3", 8, "", "foo")]
    [InlineData("[PATCH 0/5 v1] mm, oom: Introduce per numa node oom for CONSTRAINT_MEMORY_POLICY", 1, false, "1", 0, "0", 5, "", "mm, oom: Introduce per numa node oom for CONSTRAINT_MEMORY_POLICY")]
    [InlineData("[PATCH 1/3 v2] Docs: admin/kernel-parameters: edit a few boot options", 2, false, "2", 1, "1", 3, "", "Docs: admin/kernel-parameters: edit a few boot options")]
    [InlineData("[PATCH v2 net-next 3/5] net/smc: foo", 2, false, "2", 3, "3", 5, "net-next", "net/smc: foo")]
    [InlineData("[PATCH net-next v2 3/5] net/smc: foo", 2, false, "2", 3, "3", 5, "net-next", "net/smc: foo")]
    [InlineData("[PATCH net] net/smc: Fix sock leak when release after smc_shutdown()", 1, true, null, null, null, null, "net", "net/smc: Fix sock leak when release after smc_shutdown()")]
    [InlineData("[kvm-unit-tests PATCH v3 2/4] s390x: foo", 3, false, "3", 2, "2", 4, "kvm-unit-tests", "s390x: foo")]
    [InlineData("[PATCH v2] [s390] foo", 2, false, "2", null, null, null, "s390", "foo")]
    [InlineData("[PATCH][next] treewide: uapi: Replace zero-length arrays with flexible-array members", 1, true, null, null, null, null, "next", "treewide: uapi: Replace zero-length arrays with flexible-array members")]
    [InlineData("[RFT][PATCH v1 5/6] vfio/ccw: Add kmap_local_page() for memcpy", 1, false, "1", 5, "5", 6, "RFT", "vfio/ccw: Add kmap_local_page() for memcpy")]
    [InlineData("[dm-devel] [PATCH 01/27] target: remove an incorrect unmap zeroes data deduction", 1, true, null, 1, "01", 27, "dm-devel", "target: remove an incorrect unmap zeroes data deduction")]
    [InlineData("[PATCH AUTOSEL 5.17 18/31] s390/pci: improve zpci_dev reference counting", 1, true, null, 18, "18", 31, "AUTOSEL|5.17", "s390/pci: improve zpci_dev reference counting")]
    [InlineData("[PATCH AUTOSEL 5.15 065/109] s390/preempt: foo", 1, true, null, 65, "065", 109, "AUTOSEL|5.15", "s390/preempt: foo")]
    [InlineData("[PATCH 5.10 113/129] perf symbol: Pass is_kallsyms to symbols__fixup_end()", 1, true, null, 113, "113", 129, "5.10", "perf symbol: Pass is_kallsyms to symbols__fixup_end()")]
    [InlineData("[PATCH for v5.15] perf symbol: Remove arch__symbols__fixup_end()", 1, true, null, null, null, null, "for v5.15", "perf symbol: Remove arch__symbols__fixup_end()")]
    [InlineData("[PATCH kernel] KVM: PPC: Make KVM_CAP_IRQFD_RESAMPLE platform dependent", 1, true, null, null, null, null, "kernel", "KVM: PPC: Make KVM_CAP_IRQFD_RESAMPLE platform dependent")]
    [InlineData("[PATCH 34.5/36] cpuidle,omap4: Push RCU-idle into omap4_enter_lowpower()", 1, true, null, null, "34.5", 36, "", "cpuidle,omap4: Push RCU-idle into omap4_enter_lowpower()")]
    [InlineData("[PATCH 0.5/5] foo", 1, true, null, null, "0.5", 5, "", "foo")]
    [InlineData("[PATCH 1/3] s390: rename vm.[ch] and protection_map[]", 1, true, null, 1, "1", 3, "", "s390: rename vm.[ch] and protection_map[]")]
    [InlineData("[PATCH v2,1/3] foo", 2, false, "2", 1, "1", 3, "", "foo")]
    [InlineData("[PATCH [v2] 1/3] foo", 2, false, "2", 1, "1", 3, "", "foo")]
    [InlineData("[PATCHSET v2 0/5] foo", 2, false, "2", 0, "0", 5, "", "foo")]
    [InlineData("[PATCH v2 1/2]s390: no space after the bracket", 2, false, "2", 1, "1", 2, "", "s390: no space after the bracket")]
    [InlineData(" \t[PATCH\tv2\t1/3]\tfoo:  bar \t", 2, false, "2", 1, "1", 3, "", "foo:  bar")]
    public void Shapes_the_list_writes_parse(string text, int version, bool inferred, string? versionText, int? index,
        string? indexText, int? total, string tags, string title)
    {
        var subject = PatchSubject.Parse(text);

        Assert.Equal(version, subject.Version);
        Assert.Equal(inferred, subject.VersionInferred);
        Assert.Equal(versionText, subject.VersionText);
        Assert.Equal(index, subject.Index);
        Assert.Equal(indexText, subject.IndexText);
        Assert.Equal(total, subject.Total);
        Assert.Equal(tags, string.Join('|', subject.Tags));
        Assert.Equal(title, subject.Title);
    }

    [Theory]
    [InlineData("[RFC PATCH v2 0/5] foo", true, false)]
    [InlineData("[PATCH RFC 1/3] foo", true, false)]
    [InlineData("[PATCH/RFC] KVM: s390: vsie/gmap: reduce gmap_rmap overhead", true, false)]
    [InlineData("[RFC/PATCH] foo", true, false)]
    [InlineData("[RFCv2 1/2] foo", true, false)]
    [InlineData("[RFC net-next] net/smc:introduce 1RTT to SMC", true, false)]
    [InlineData("[PATCH v2 1/2] [RFC] foo", true, false)]
    [InlineData("[PATCH RESEND v4 3/7] foo", false, true)]
    [InlineData("[PATCH v2 RESEND] foo", false, true)]
    [InlineData("[RESEND] [PATCH] foo", false, true)]
    [InlineData("[PATCH] foo", false, false)]
    public void Rfc_and_resend_are_read_from_any_leading_group(string text, bool rfc, bool resend)
    {
        var subject = PatchSubject.Parse(text);

        Assert.Equal(rfc, subject.IsRfc);
        Assert.Equal(resend, subject.IsResend);
    }

    [Fact]
    public void Rfc_version_written_in_the_keyword_is_the_version()
    {
        var subject = PatchSubject.Parse("[RFCv2 1/2] foo");

        Assert.Equal(2, subject.Version);
        Assert.Equal(1, subject.Index);
    }

    [Fact]
    public void Numbered_git_pull_is_a_pull_carrying_one_patch()
    {
        var subject = PatchSubject.Parse("[GIT PULL 03/42] KVM: s390: pci: add basic kvm_zdev structure");

        Assert.True(subject.IsPull);
        Assert.Equal(3, subject.Index);
        Assert.Equal(42, subject.Total);
        Assert.Equal(1, subject.Version);
        Assert.True(subject.VersionInferred);
        Assert.Empty(subject.Tags);
        Assert.Equal("KVM: s390: pci: add basic kvm_zdev structure", subject.Title);
    }

    [Theory]
    [InlineData("[GIT PULL] KVM: s390: changes for 5.19", "KVM: s390: changes for 5.19")]
    [InlineData("[git pull] s390 updates", "s390 updates")]
    [InlineData("[PULL] s390 updates", "s390 updates")]
    [InlineData("[GIT PULL REQUEST] s390 updates", "s390 updates")]
    [InlineData("[PULL 00/12] s390x queue", "s390x queue")]
    public void Pull_requests_parse_with_no_index_or_tags_of_their_own(string text, string title)
    {
        var subject = PatchSubject.Parse(text);

        Assert.True(subject.IsPull);
        Assert.Equal(title, subject.Title);
        Assert.Empty(subject.Tags);
    }

    [Fact]
    public void Git_without_pull_is_a_tag()
    {
        Assert.Equal(["GIT"], PatchSubject.Parse("[PATCH GIT] foo").Tags);
    }

    [Theory]
    [InlineData("Re: [PATCH v6 16/21] foo")]
    [InlineData("RE: [PATCH 3/5] foo")]
    [InlineData("re: [PATCH] foo")]
    [InlineData("Re: Re: AW: [PATCH] foo")]
    [InlineData("Re:[PATCH] foo")]
    [InlineData("Re : [PATCH] foo")]
    [InlineData("Re[2]: [PATCH] foo")]
    [InlineData("Re^3: [PATCH] foo")]
    [InlineData("SV: [PATCH] foo")]
    [InlineData("Antw: [PATCH] foo")]
    [InlineData("Fwd: [PATCH] foo")]
    [InlineData("Fw: Re: [PATCH] foo")]
    [InlineData("Re: [dm-devel] [PATCH] foo")]
    [InlineData("[dm-devel] Re: [PATCH] foo")]
    [InlineData("\tRe:\t[PATCH] foo")]
    public void Reply_and_forward_prefixes_are_stripped_and_remembered(string text)
    {
        var subject = PatchSubject.Parse(text);

        Assert.True(subject.IsReply);
        Assert.Equal("foo", subject.Title);
    }

    [Theory]
    [InlineData("[PATCH] Re: foo", "Re: foo")]
    [InlineData("[PATCH] Regression fix: foo", "Regression fix: foo")]
    [InlineData("Rebase: [PATCH] foo", null)]
    [InlineData("Reply: [PATCH] foo", null)]
    public void Words_that_only_look_like_reply_prefixes_are_not_stripped(string text, string? title)
    {
        var parsed = PatchSubject.TryParse(text, out var subject);

        Assert.Equal(title is not null, parsed);
        Assert.Equal(title, subject?.Title);
        Assert.False(subject?.IsReply ?? false);
    }

    [Theory]
    [InlineData("s390: foo")]
    [InlineData("Re: cleanup swiotlb initialization v8")]
    [InlineData("[Bug 216073] New: [s390x] kernel BUG at mm/usercopy.c:101!")]
    [InlineData("Re: [net] 4890b686f4: netperf.Throughput_Mbps -69.4% regression")]
    [InlineData("[RFT] foo")]
    [InlineData("s390: foo [PATCH]")]
    [InlineData("[PATCH v2 unclosed")]
    [InlineData("[PATCHWORK] foo")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Re:")]
    [InlineData("[]")]
    public void Subjects_without_a_patch_rfc_or_pull_tag_do_not_parse(string text)
    {
        Assert.False(PatchSubject.TryParse(text, out var subject));
        Assert.Null(subject);
        Assert.Throws<FormatException>(() => PatchSubject.Parse(text));
    }

    [Fact]
    public void Null_does_not_parse()
    {
        Assert.False(PatchSubject.TryParse(null, out _));
    }

    [Theory]
    [InlineData("[PATCH 99999999999/3] foo", "99999999999", null, 3)]
    [InlineData("[PATCH 1/99999999999] foo", "1", 1, null)]
    [InlineData("[PATCH 1.2.3/4] foo", "1.2.3", null, 4)]
    public void Numbers_too_large_or_dotted_keep_their_text_without_crashing(string text, string indexText, int? index, int? total)
    {
        var subject = PatchSubject.Parse(text);

        Assert.Equal(indexText, subject.IndexText);
        Assert.Equal(index, subject.Index);
        Assert.Equal(total, subject.Total);
    }

    [Theory]
    [InlineData("[PATCH v99999999999] foo", "v99999999999")]
    [InlineData("[PATCH v2b] foo", "v2b")]
    [InlineData("[PATCH v] foo", "v")]
    [InlineData("[PATCH 1..2/3] foo", "1..2/3")]
    [InlineData("[PATCH 1/] foo", "1/")]
    public void Words_that_are_not_quite_versions_or_numbers_are_tags(string text, string tag)
    {
        var subject = PatchSubject.Parse(text);

        Assert.Equal([tag], subject.Tags);
        Assert.True(subject.VersionInferred);
        Assert.Null(subject.IndexText);
    }

    [Fact]
    public void First_version_and_first_number_win_and_later_ones_are_tags()
    {
        var subject = PatchSubject.Parse("[PATCH v2 1/3] [v3 2/4] foo");

        Assert.Equal(2, subject.Version);
        Assert.Equal(1, subject.Index);
        Assert.Equal(["v3", "2/4"], subject.Tags);
    }

    [Theory]
    [InlineData("[PATCH v3 01/18] KVM: s390: pv: leak the topmost page table when destroy fails", "kvm: s390: pv: leak the topmost page table when destroy fails")]
    [InlineData("[PATCH] Foo  Bar\t baz.", "foo bar baz")]
    [InlineData("[PATCH] cpuidle,        xenpv: Make more PARAVIRT_XXL noinstr clean", "cpuidle, xenpv: make more paravirt_xxl noinstr clean")]
    [InlineData("[PATCH] foo ... ", "foo")]
    [InlineData("[PATCH] v1.2 is fine.", "v1.2 is fine")]
    [InlineData("[PATCH] ÄÖÜ", "äöü")]
    public void Normalized_title_folds_case_and_white_space_and_drops_trailing_periods(string text, string normalized)
    {
        Assert.Equal(normalized, PatchSubject.Parse(text).NormalizedTitle);
    }

    [Fact]
    public void Normalized_titles_match_across_versions_written_differently()
    {
        var v1 = PatchSubject.Parse("[PATCH 07/32] s390/pci: externalize the SIC operation controls and routine");
        var v9 = PatchSubject.Parse("Re: [PATCH v9 07/21] s390/pci:  externalize the SIC operation controls\tand routine.");

        Assert.Equal(v1.NormalizedTitle, v9.NormalizedTitle);
        Assert.NotEqual(v1.Title, v9.Title);
    }

    [Fact]
    public void Parse_and_try_parse_give_equal_records()
    {
        const string text = "[PATCH v2 net-next 3/5] net/smc: foo";
        Assert.True(PatchSubject.TryParse(text, out var tried));

        var parsed = PatchSubject.Parse(text);

        Assert.Equal(parsed, tried);
        Assert.Equal(parsed.GetHashCode(), tried.GetHashCode());
        Assert.NotEqual(parsed, PatchSubject.Parse("[PATCH v2 net 3/5] net/smc: foo"));
    }

    [Fact]
    public void Long_titles_normalize_beyond_the_stack_buffer()
    {
        var title = string.Concat(Enumerable.Repeat("Word ", 300));

        Assert.Equal(title.TrimEnd().ToLowerInvariant(), PatchSubject.Parse("[PATCH] " + title).NormalizedTitle);
    }
}
