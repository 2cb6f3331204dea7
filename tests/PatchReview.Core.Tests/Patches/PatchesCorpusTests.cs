using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using PatchReview.Core.Tests.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Patches;

// Expected values were counted from the mail itself (subjects, In-Reply-To and bodies read with zcat, grep and a
// Python script with deliberately simpler rules), not taken from this code's output; where the simple rules and the
// classifier disagreed, each message was read and the disagreement is pinned below by Message-ID.
public sealed class PatchesCorpusTests(ParsedCorpus corpus)
{
    private const string ZpciTitle = "KVM: s390: enable zPCI for interpretive execution";
    private const string PullCover = "20220721161302.156182-1-imbrenda@linux.ibm.com";

    [Fact]
    public void Zpci_archive_holds_254_patches_9_covers_20_pulls_and_338_replies()
    {
        Assert.Equal(
            [(MessageKind.Patch, 254), (MessageKind.Cover, 9), (MessageKind.Reply, 338), (MessageKind.Pull, 20)],
            CountKinds(corpus.Zpci));
    }

    [Fact]
    public void Zpci_has_one_cover_letter_per_version_from_v1_to_v9()
    {
        var covers = corpus.Zpci.Where(m => MessageClassifier.Classify(m) == MessageKind.Cover)
            .Select(m => (m.MessageId, Subject: PatchSubject.Parse(m.Subject))).ToList();

        Assert.Equal(
            ["20211207205743.150299-1-mjrosato@linux.ibm.com", "20220114203145.242984-1-mjrosato@linux.ibm.com",
             "20220204211536.321475-1-mjrosato@linux.ibm.com", "20220314194451.58266-1-mjrosato@linux.ibm.com",
             "20220404174349.58530-1-mjrosato@linux.ibm.com", "20220426200842.98655-1-mjrosato@linux.ibm.com",
             "20220513191509.272897-1-mjrosato@linux.ibm.com", "20220524185907.140285-1-mjrosato@linux.ibm.com",
             "20220606203325.110625-1-mjrosato@linux.ibm.com"],
            covers.Select(c => c.MessageId));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], covers.Select(c => c.Subject.Version));
        Assert.Equal([32, 30, 30, 32, 21, 21, 22, 22, 21], covers.Select(c => c.Subject.Total!.Value));
        Assert.All(covers, c => Assert.Equal(ZpciTitle, c.Subject.Title));
        Assert.All(covers, c => Assert.Equal(0, c.Subject.Index));
        Assert.Equal([true, false, false, false, false, false, false, false, false], covers.Select(c => c.Subject.VersionInferred));
    }

    [Theory]
    [InlineData("20211207205743.150299-1-mjrosato@linux.ibm.com", 1, 32)]
    [InlineData("20220114203145.242984-1-mjrosato@linux.ibm.com", 2, 30)]
    [InlineData("20220204211536.321475-1-mjrosato@linux.ibm.com", 3, 30)]
    [InlineData("20220314194451.58266-1-mjrosato@linux.ibm.com", 4, 32)]
    [InlineData("20220404174349.58530-1-mjrosato@linux.ibm.com", 5, 21)]
    [InlineData("20220426200842.98655-1-mjrosato@linux.ibm.com", 6, 21)]
    [InlineData("20220513191509.272897-1-mjrosato@linux.ibm.com", 7, 22)]
    [InlineData("20220524185907.140285-1-mjrosato@linux.ibm.com", 8, 22)]
    [InlineData("20220606203325.110625-1-mjrosato@linux.ibm.com", 9, 21)]
    public void Each_zpci_version_has_every_patch_its_cover_announces(string coverId, int version, int count)
    {
        // git send-email threads every patch of a version directly under its cover letter.
        var patches = corpus.Zpci
            .Where(m => m.InReplyTo is [var parent] && parent == coverId && MessageClassifier.Classify(m) == MessageKind.Patch)
            .Select(m => PatchSubject.Parse(m.Subject)).ToList();

        Assert.Equal(count, patches.Count);
        Assert.All(patches, p => Assert.Equal((version, count, false), (p.Version, p.Total!.Value, p.IsPull)));
        Assert.Equal(Enumerable.Range(1, count), patches.Select(p => p.Index!.Value).Order());
        Assert.Equal(count, corpus.Zpci.Count(m => MessageClassifier.Classify(m) == MessageKind.Patch
            && PatchSubject.Parse(m.Subject) is var s && s.Version == version && s.Total == count));
    }

    [Fact]
    public void Git_pull_mails_re_send_applied_patches_and_are_not_patches_of_a_tenth_or_first_version()
    {
        var pulls = corpus.Zpci.Where(m => PatchSubject.TryParse(m.Subject, out var s) && s.IsPull).ToList();
        var subjects = pulls.Select(m => PatchSubject.Parse(m.Subject)).ToList();

        Assert.Equal(20, pulls.Count);
        Assert.All(pulls, m => Assert.Equal(MessageKind.Pull, MessageClassifier.Classify(m)));
        Assert.All(pulls, m => Assert.True(MessageClassifier.HasOwnDiff(m.BodyText)));
        // Claudio Imbrenda's pull of 2022-07-21 (its cover is not in the archive) and Janosch Frank's 1/1 of 2022-08-30.
        Assert.Equal(19, pulls.Count(m => m.InReplyTo.SequenceEqual([PullCover])));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 24],
            subjects.Where(s => s.Total == 42).Select(s => s.Index!.Value).Order());
        Assert.Single(subjects, s => s is { Index: 1, Total: 1 });

        var v9Titles = corpus.Zpci.Select(m => PatchSubject.TryParse(m.Subject, out var s) ? s : null)
            .Where(s => s is { IsReply: false, IsPull: false, Version: 9, Total: 21, Index: > 0 })
            .Select(s => s!.NormalizedTitle).ToHashSet();
        Assert.Equal(21, v9Titles.Count);
        Assert.Equal(18, subjects.Count(s => v9Titles.Contains(s.NormalizedTitle)));

        // Patches under a v9 title, by version: the titles changed over the series, and no pull mail joins any version.
        var byVersion = corpus.Zpci
            .Where(m => MessageClassifier.Classify(m) == MessageKind.Patch)
            .Select(m => PatchSubject.Parse(m.Subject))
            .Where(s => v9Titles.Contains(s.NormalizedTitle))
            .GroupBy(s => s.Version).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()));
        Assert.Equal([(1, 14), (2, 15), (3, 15), (4, 17), (5, 19), (6, 20), (7, 21), (8, 21), (9, 21)], byVersion);
    }

    [Fact]
    public void Zpci_subjects_parse_exactly()
    {
        Assert.Equal(
            new PatchSubject
            {
                Title = ZpciTitle, NormalizedTitle = "kvm: s390: enable zpci for interpretive execution",
                Version = 9, VersionInferred = false, VersionText = "9", Index = 0, IndexText = "00", Total = 21,
            },
            SubjectOf(corpus.Zpci, "20220606203325.110625-1-mjrosato@linux.ibm.com"));
        Assert.Equal(
            new PatchSubject
            {
                Title = "s390/airq: pass more TPI info to airq handlers", NormalizedTitle = "s390/airq: pass more tpi info to airq handlers",
                IsPull = true, Index = 5, IndexText = "05", Total = 42,
            },
            SubjectOf(corpus.Zpci, "20220721161302.156182-6-imbrenda@linux.ibm.com"));
        Assert.Equal(
            new PatchSubject
            {
                Title = "s390/pci: Rework MSI descriptor walk", NormalizedTitle = "s390/pci: rework msi descriptor walk",
                Version = 2, VersionInferred = false, VersionText = "2", Index = 13, IndexText = "13", Total = 31,
            },
            SubjectOf(corpus.Zpci, "20211206210748.305656158@linutronix.de"));
        Assert.Equal(
            new PatchSubject
            {
                Title = "s390/pci: allow zPCI zbus without a function zero", NormalizedTitle = "s390/pci: allow zpci zbus without a function zero",
                IsResend = true, Version = 5, VersionInferred = false, VersionText = "5", Index = 4, IndexText = "4", Total = 4,
            },
            SubjectOf(corpus.Zpci, "20220505083839.1315705-5-schnelle@linux.ibm.com"));
        Assert.Equal(
            new PatchSubject
            {
                Title = "s390/pci: improve zpci_dev reference counting", NormalizedTitle = "s390/pci: improve zpci_dev reference counting",
                Index = 14, IndexText = "14", Total = 25, Tags = ["AUTOSEL", "5.10"],
            },
            SubjectOf(corpus.Zpci, "20220407011413.114662-14-sashal@kernel.org"));
        // Folded on the wire after "AEN".
        Assert.Equal(
            new PatchSubject
            {
                Title = "KVM: s390: pci: do initial setup for AEN interpretation",
                NormalizedTitle = "kvm: s390: pci: do initial setup for aen interpretation",
                IsReply = true, Index = 14, IndexText = "14", Total = 32,
            },
            SubjectOf(corpus.Zpci, "202112081547.UVwzE8hh-lkp@intel.com"));
    }

    [Fact]
    public void Review_that_pastes_its_own_diff_is_a_reply()
    {
        // Jason Gunthorpe on v7 17/22: "Blech, maybe it is time to just fix this race condition permanently" and a diff.
        var review = Message(corpus.Zpci, "20220516172734.GE1343366@nvidia.com");

        Assert.True(MessageClassifier.HasOwnDiff(review.BodyText));
        Assert.Equal(MessageKind.Reply, MessageClassifier.Classify(review));
    }

    [Fact]
    public void Zpci_in_body_authors_are_the_24_patches_sent_for_someone_else()
    {
        var withHeaders = corpus.Zpci.Where(m => InBodyHeaders.Parse(m.BodyText) is not null).ToList();

        // All 20 pull mails (sent by Claudio Imbrenda and Janosch Frank for Matthew Rosato 18 times, Christian Borntraeger
        // for 24/42, Pierre Morel for 1/1) and the 4 AUTOSEL backports of Niklas Schnelle's patch sent by Sasha Levin.
        Assert.Equal(24, withHeaders.Count);
        Assert.Equal(
            [("Christian Borntraeger", 1), ("Matthew Rosato", 18), ("Niklas Schnelle", 4), ("Pierre Morel", 1)],
            withHeaders.CountBy(m => InBodyHeaders.Parse(m.BodyText)!.Author!.Name).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => (p.Key, p.Value)));
        var pull = Message(corpus.Zpci, "20220721161302.156182-6-imbrenda@linux.ibm.com");
        var headers = InBodyHeaders.Parse(pull.BodyText)!;
        Assert.Equal(new InBodyHeaders(new Person("Matthew Rosato", "mjrosato@linux.ibm.com"), null, null, 47), headers);
        Assert.StartsWith("A subsequent patch will introduce an airq handler", pull.BodyText[headers.BodyOffset..], StringComparison.Ordinal);
        Assert.Equal(new Person("Niklas Schnelle", "schnelle@linux.ibm.com"),
            InBodyHeaders.Parse(Message(corpus.Zpci, "20220407011413.114662-14-sashal@kernel.org").BodyText)?.Author);
    }

    [Fact]
    public void Linux_s390_kinds_are_counted_as_the_mail_says()
    {
        // The simple rules gave patch 1299, cover 134, reply 2019, pull 30, other 41. Reading the eleven messages where
        // they differ: ten covers (one unnumbered [PATCH v2] and nine untagged Hellwig covers with a diffstat) and one
        // untagged stable request carrying its diff.
        Assert.Equal(
            [(MessageKind.Patch, 1299), (MessageKind.Cover, 144), (MessageKind.Reply, 2019), (MessageKind.Pull, 30), (MessageKind.Other, 31)],
            CountKinds(corpus.LinuxS390));
    }

    [Theory]
    [InlineData("20220401030927.12023-1-rdunlap@infradead.org", MessageKind.Cover)]
    [InlineData("20220404050559.132378-1-hch@lst.de", MessageKind.Cover)]
    [InlineData("20220406060516.409838-1-hch@lst.de", MessageKind.Cover)]
    [InlineData("20220409045043.23593-1-hch@lst.de", MessageKind.Cover)]
    [InlineData("20220415045258.199825-1-hch@lst.de", MessageKind.Cover)]
    [InlineData("20220418045314.360785-1-hch@lst.de", MessageKind.Cover)]
    [InlineData("20220603063328.3715-1-hch@lst.de", MessageKind.Cover)]
    [InlineData("20220614045428.278494-1-hch@lst.de", MessageKind.Cover)]
    [InlineData("20220628051315.695254-1-hch@lst.de", MessageKind.Cover)]
    [InlineData("20220628051435.695540-1-hch@lst.de", MessageKind.Cover)]
    [InlineData("20220623151520.73354-1-borntraeger@linux.ibm.com", MessageKind.Patch)]
    [InlineData("20220509233552.GT49344@nvidia.com", MessageKind.Other)]
    [InlineData("YlhMA5GB1dkKyu8k@osiris", MessageKind.Pull)]
    [InlineData("164996400095.26481.16517230950101833203.pr-tracker-bot@kernel.org", MessageKind.Reply)]
    [InlineData("20220512044634.63586-1-ligang.bdlg@bytedance.com", MessageKind.Cover)]
    [InlineData("Yqcv6crSNKuSWoTu@atomide.com", MessageKind.Patch)]
    public void Linux_s390_messages_where_the_body_decides_are_classified_as_read(string messageId, MessageKind kind)
    {
        Assert.Equal(kind, MessageClassifier.Classify(Message(corpus.LinuxS390, messageId)));
    }

    [Fact]
    public void Every_linux_s390_subject_with_a_bracketed_patch_rfc_or_pull_parses()
    {
        var subjects = corpus.LinuxS390.Select(m => m.Subject).ToList();

        // grep -ci '\[[^]]*patch' over the unfolded subjects: 3344; RFC without PATCH: 12 ("[RFC net-next]"); GIT PULL: 43.
        Assert.Equal(3344, subjects.Count(s => HasBracketedWord(s, "PATCH")));
        Assert.All(subjects.Where(s => HasBracketedWord(s, "PATCH")), s => Assert.True(PatchSubject.TryParse(s, out _), s));
        Assert.Equal(3344 + 12 + 43, subjects.Count(s => PatchSubject.TryParse(s, out _)));
    }

    [Fact]
    public void Linux_s390_subjects_parse_exactly()
    {
        Assert.Equal(
            new PatchSubject
            {
                Title = "cpuidle,omap4: Push RCU-idle into omap4_enter_lowpower()",
                NormalizedTitle = "cpuidle,omap4: push rcu-idle into omap4_enter_lowpower()",
                IndexText = "34.5", Total = 36,
            },
            SubjectOf(corpus.LinuxS390, "Yqcv6crSNKuSWoTu@atomide.com"));
        Assert.Equal(
            new PatchSubject
            {
                Title = "perf symbol: Remove arch__symbols__fixup_end()", NormalizedTitle = "perf symbol: remove arch__symbols__fixup_end()",
                Tags = ["for v5.15"],
            },
            SubjectOf(corpus.LinuxS390, "20220503003736.711789-1-namhyung@kernel.org"));
        Assert.Equal(
            new PatchSubject
            {
                Title = "vfio/ccw: Add kmap_local_page() for memcpy", NormalizedTitle = "vfio/ccw: add kmap_local_page() for memcpy",
                Version = 1, VersionInferred = false, VersionText = "1", Index = 5, IndexText = "5", Total = 6, Tags = ["RFT"],
            },
            SubjectOf(corpus.LinuxS390, "20220616235212.15185-6-nicolinc@nvidia.com"));
        Assert.Equal(
            new PatchSubject
            {
                Title = "mm, oom: Introduce per numa node oom for CONSTRAINT_MEMORY_POLICY",
                NormalizedTitle = "mm, oom: introduce per numa node oom for constraint_memory_policy",
                Version = 1, VersionInferred = false, VersionText = "1", Index = 0, IndexText = "0", Total = 5,
            },
            SubjectOf(corpus.LinuxS390, "20220512044634.63586-1-ligang.bdlg@bytedance.com"));
        Assert.Equal(
            new PatchSubject
            {
                Title = "target: remove an incorrect unmap zeroes data deduction",
                NormalizedTitle = "target: remove an incorrect unmap zeroes data deduction",
                IsReply = true, Index = 1, IndexText = "01", Total = 27, Tags = ["dm-devel"],
            },
            SubjectOf(corpus.LinuxS390, "yq1wng1k2zn.fsf@ca-mkp.ca.oracle.com"));
        Assert.Equal(
            new PatchSubject
            {
                Title = "KVM: s390: vsie/gmap: reduce gmap_rmap overhead", NormalizedTitle = "kvm: s390: vsie/gmap: reduce gmap_rmap overhead",
                IsRfc = true,
            },
            SubjectOf(corpus.LinuxS390, "20220429151526.1560-1-borntraeger@linux.ibm.com"));
        Assert.Equal(
            new PatchSubject
            {
                Title = "s390/irq: utilize RCU instead of irq_lock_sparse() in show_msi_interrupt()",
                NormalizedTitle = "s390/irq: utilize rcu instead of irq_lock_sparse() in show_msi_interrupt()",
                Version = 2, VersionInferred = false, VersionText = "2",
            },
            SubjectOf(corpus.LinuxS390, "20220422100212.22666-1-kernelfans@gmail.com"));
    }

    [Fact]
    public void Linux_s390_in_body_headers_are_found_only_at_the_top()
    {
        // 166 bodies start (after blank lines) with "From: name <address>" and a blank line, counted with a Python regex.
        Assert.Equal(166, corpus.LinuxS390.Count(m => InBodyHeaders.Parse(m.BodyText) is not null));
        Assert.Equal(new Person("Jan Höppner", "hoeppner@linux.ibm.com"),
            InBodyHeaders.Parse(Message(corpus.LinuxS390, "20220505141733.1989450-4-sth@linux.ibm.com").BodyText)?.Author);
        Assert.Equal(new Person("D. Wythe", "alibuda@linux.alibaba.com"),
            InBodyHeaders.Parse(Message(corpus.LinuxS390, "1651814548-83231-1-git-send-email-alibuda@linux.alibaba.com").BodyText)?.Author);
        // Michael Kelley's Outlook reply begins "From: Christoph Hellwig <hch@lst.de> Sent: Sunday, April 3, 2022 10:06 PM".
        Assert.Null(InBodyHeaders.Parse(
            Message(corpus.LinuxS390, "PH0PR21MB3025EED7E82FCD8595D82540D7E59@PH0PR21MB3025.namprd21.prod.outlook.com").BodyText));
    }

    private static List<(MessageKind, int)> CountKinds(IEnumerable<ParsedMessage> messages)
        => [.. messages.CountBy(MessageClassifier.Classify).Select(p => (p.Key, p.Value))
            .OrderBy(p => Array.IndexOf(KindOrder, p.Key))];

    private static readonly MessageKind[] KindOrder = [MessageKind.Patch, MessageKind.Cover, MessageKind.Reply, MessageKind.Pull, MessageKind.Other];

    private static ParsedMessage Message(IEnumerable<ParsedMessage> messages, string messageId)
        => Assert.Single(messages, m => m.MessageId == messageId);

    private static PatchSubject SubjectOf(IEnumerable<ParsedMessage> messages, string messageId)
        => PatchSubject.Parse(Message(messages, messageId).Subject);

    /// <summary>A '[' … ']' group containing <paramref name="word"/>, case-insensitively: what grep '\[[^]]*patch' finds.</summary>
    private static bool HasBracketedWord(string subject, string word)
    {
        for (var open = subject.IndexOf('['); open >= 0; open = subject.IndexOf('[', open + 1))
        {
            var close = subject.IndexOf(']', open);
            var group = close < 0 ? subject.AsSpan(open) : subject.AsSpan(open, close - open);
            if (group.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
