using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using PatchReview.Core.Tests.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Patches;

/// <summary>
/// The changelogs of the nine zPCI cover letters, and of a few patch notes on linux-s390, as read by hand in the
/// lore exports of the corpus. Each cover letter of this series lists only the changes since the version before.
/// </summary>
public sealed class ChangelogCorpusTests(ParsedCorpus archives)
{
    private static readonly string[] None = [];
    private static readonly string[] Christian = ["Christian"];
    private static readonly string[] Niklas = ["Niklas"];
    private static readonly string[] Pierre = ["Pierre"];
    private static readonly string[] Alex = ["Alex"];
    private static readonly string[] Jason = ["Jason"];
    private static readonly string[] Thomas = ["Thomas"];

    /// <summary>Per version: the header, its line in the body, and the credits of every item in order.</summary>
    private static readonly Dictionary<int, (string Header, int Line, string[][] Credits)> Expected = new()
    {
        [2] = ("Changes v1->v2:", 17,
        [
            Christian, None, Niklas, ["Niklas", "Christian"], Pierre, None, Pierre, Christian, Christian, Pierre, Pierre,
            Christian, None, Niklas, ["Pierre", "Alex"], Alex, Alex, None, None, ["Pierre", "Niklas"], Pierre,
        ]),
        [3] = ("Changelog v2->v3:", 17,
        [
            None, ["Claudio"], Pierre, Pierre, Pierre, Pierre, None, Pierre, None, Pierre, Pierre, None, Pierre, Pierre,
            Pierre, Pierre, Pierre, Pierre, None,
        ]),
        [4] = ("Changelog v3->v4:", 25, [None, None, None, None, None, None, None, None]),
        [5] = ("Changelog v4->v5:", 25, [None, None, None, None, None, None, None]),
        [6] = ("Changelog v5->v6:", 24, [None, Christian, Pierre, Jason, None, None]),
        [7] = ("Changelog v6->v7:", 25, [None, ["kernel bot"], Christian, Christian, Jason, None, Jason, None, None, None, None]),
        [8] = ("Changelog v7->v8:", 31, [Thomas, Thomas, Thomas, Thomas, Jason, Jason]),
        [9] = ("Changelog v8->v9:", 21, [None, Alex, Jason, Jason, Jason, Jason, None]),
    };

    /// <summary>Items copied from the mails, wrapped lines joined with one space: at least the first and the last of each version.</summary>
    public static TheoryData<int, int, string> ItemTexts => new()
    {
        { 2, 1, "s/has_zpci_interp/has_zpci_lsi/ (Christian)" },
        { 2, 7, "Related to the above, add some more checks for IS_ENABLED(CONFIG_PCI) (Pierre)" },
        { 2, 18, "Fix my probe implementation to ignore GET|SET, as these don't change the result of the probe.  I was erroneously performing the GET or SET operation if specified along with PROBE." },
        { 2, 21, "And use that status when possible for KVM rpcit intercept (Pierre)" },
        { 3, 1, "More R-bs / ACKs (Thanks!)" },
        { 3, 8, "Patch 25-27: remove get/set checks from feature ioctl handlers as they are already done in vfio core (Pierre)" },
        { 3, 19, "Add a CONFIG_VFIO_PCI_ZDEV check when determining if its safe to allow KVM_S390_VM_CPU_FEAT_ZPCI_INTERP (need both the facilities and the kvm/pci.o pieces to allow intepretation)" },
        { 4, 1, "Significant overhaul of the userspace API.  Remove all vfio device feature ioctls.  Remove CONFIG_VFIO_PCI_ZDEV, this is once again always built with vfio-pci for s390; IS_ENABLED checks can instead look at CONFIG_VFIO_PCI.  Most earlier patches in the series could maintain their reviews, but some needed to be removed due to required code changes." },
        { 4, 3, "Introduce a new iommu domain ops type for s390-iommu, to be used when KVM manages the IOMMU instead of in response to VFIO mapping ioctls" },
        { 4, 8, "Now that we keep a list of zPCI associated with a given KVM, we can do fh lookup on this list vs the list of all zPCI on the host.  We only need to do a host-wide fh lookup during the initial device<->KVM association." },
        { 5, 1, "Remove all IOMMU changes - this series will continue to use vfio type1 for mapping; RPCIT enhancements will be pursued as a follow-on in coordination with the IOMMUFD project" },
        { 5, 5, "found a bug with \"s390/pci: stash associated GISA designation\", namely that CLP SET PCI FN (disable) expects the gisa designation to always be 0.  Now that we set the gisa earlier, vfio-pci can trip this when triggering restore for ISM." },
        { 5, 7, "eliminated arch/s390/include/asm/kvm_pci.h, moving most elements into arch/s390/kvm/pci.h with one exception to asm/kvm_host.h" },
        { 6, 1, "Add more R-b tags" },
        { 6, 2, "Address a leak of aift during rmmod kvm (Christian) also destroy the associated mutex at this time" },
        { 6, 4, "Register for kvm notifier in vfio_pci_zdev open_device, use this to trigger GISA (un)registration instead of via iommu_group_for_each_dev from virt/kvm/vfio.c (Jason)" },
        { 6, 6, "Still using KVM_S390_ZPCI_OP for AEN setup/teardown; we can continue to discuss alternatives if it makes sense, but wanted to update the rest of the series so review can continue." },
        { 7, 1, "Add some more R-b tags" },
        { 7, 2, "Mark a few routines static (kernel bot)" },
        { 7, 8, "Cleanup KVM association during zdev device_close; if the device fd is closed before we receive the kvm notifier, we will never see the notification because we unregister it, but cleanup must still be done. Conversely, if the kvm fd closes before the device is closed, we should get the NULL notifier from kvm_destroy_devices since the notifier has not yet been unregistered." },
        { 7, 11, "uapi KVM_CAP_S390_ZPCI_OP moved to 216 (previously 214)" },
        { 8, 1, "Fix ioctl documentation (Thomas)" },
        { 8, 4, "kvm_s390_pci_zpci_reg_aen: cleanup hostflag setting (Thomas) and also fix an accidental bit inversion while at it" },
        { 8, 6, "Restructure the vfio-pci-zdev pieces on top of 'vfio: remove VFIO_GROUP_NOTIFY_SET_KVM' (Jason) - open_device/close_device will now call the kvm registration routines directly.  Move the open_device call to vfio_pci_core_enable so that errors can be propogated.  For parity, move the close_device call to vfio_pci_core_disable." },
        { 9, 1, "Rebase on top of 5.19-rc1, adjust ioctl and capability defines" },
        { 9, 5, "make vfio_pci_zdev_close_device return void, instead WARN_ON or ignore errors in lower level function (kvm_s390_pci_unregister_kvm) (Jason)" },
        { 9, 7, "Remove patch 'KVM: s390: introduce CPU feature for zPCI Interpretation' based on discussion in QEMU thread." },
    };

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void Each_cover_letter_has_one_section_with_the_hand_counted_items_and_credits(int version)
    {
        var (header, line, credits) = Expected[version];

        var section = Assert.Single(ChangelogParser.Parse(Cover(version).BodyText));

        Assert.Equal((version - 1, version, false, header, line), (section.FromVersion, section.ToVersion, section.ToVersionInferred, section.Header, section.Line));
        Assert.Equal(credits.Length, section.Items.Count);
        Assert.Equal(Enumerable.Range(1, credits.Length), section.Items.Select(i => i.Number));
        Assert.Equal(credits, section.Items.Select(i => i.Credits.ToArray()));
        // Items start right below the header; in v4 a link to v3 sits in between.
        Assert.Equal(line + (version == 4 ? 2 : 1), section.Items[0].Line);
        // The shortlog ("Matthew Rosato (22):"), its patch subjects and the diffstat are not changes.
        Assert.DoesNotContain(section.Items, i => i.Text.Contains("Matthew Rosato (", StringComparison.Ordinal)
            || i.Text.Contains("s390/sclp: detect", StringComparison.Ordinal) || i.Text.Contains(" | ", StringComparison.Ordinal)
            || i.Text.Contains("files changed", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ItemTexts))]
    public void Cover_letter_items_read_as_written(int version, int number, string text)
    {
        var item = ChangelogParser.Parse(Cover(version).BodyText)[0].Items[number - 1];

        Assert.Equal((number, text), (item.Number, item.Text));
    }

    [Fact]
    public void The_first_cover_letter_has_no_changelog()
        => Assert.Empty(ChangelogParser.Parse(Cover(1).BodyText));

    [Fact]
    public void The_v7_kconfig_item_credits_Jason_from_the_discussion_it_mentions()
    {
        var item = ChangelogParser.Parse(Cover(7).BodyText)[0].Items[4];

        Assert.Equal(
            "After discussions with Jason, let's go back to using a Kconfig option to control vfio-pci-zdev inclusion so we can avoid some symbol_get messiness.  The name was chosen so that we can re-introduce zdev for non-KVM environments in the future, should it be needed.",
            item.Text);
        Assert.Equal(["Jason"], item.Credits);
        Assert.Equal(30, item.Line);
    }

    [Fact]
    public void Every_credit_of_the_series_resolves_to_the_person_who_took_part()
    {
        var participants = SeriesParticipants();
        var credits = Enumerable.Range(2, 8)
            .SelectMany(v => ChangelogParser.Parse(Cover(v).BodyText)[0].Items)
            .SelectMany(i => i.Credits)
            .Distinct()
            .ToList();

        var resolved = ChangelogCredits.Resolve(credits, participants);

        Assert.Equal(
            [
                new ChangelogCredit("Christian", new Person("Christian Borntraeger", "borntraeger@linux.ibm.com")),
                new ChangelogCredit("Niklas", new Person("Niklas Schnelle", "schnelle@linux.ibm.com")),
                new ChangelogCredit("Pierre", new Person("Pierre Morel", "pmorel@linux.ibm.com")),
                new ChangelogCredit("Alex", new Person("Alex Williamson", "alex.williamson@redhat.com")),
                new ChangelogCredit("Claudio", new Person("Claudio Imbrenda", "imbrenda@linux.ibm.com")),
                new ChangelogCredit("Jason", new Person("Jason Gunthorpe", "jgg@nvidia.com")),
                new ChangelogCredit("kernel bot", new Person("kernel test robot", "lkp@intel.com")),
                new ChangelogCredit("Thomas", new Person("Thomas Huth", "thuth@redhat.com")),
            ],
            resolved);

        // Jason Gunthorpe also writes from jgg@ziepe.ca: the same person, so "Jason" is no ambiguity.
        Assert.Contains(new Person("Jason Gunthorpe", "jgg@ziepe.ca"), participants);
    }

    [Fact]
    public void Thomas_is_ambiguous_among_everyone_in_the_archive()
    {
        // Thomas Gleixner's "[patch V2 13/31] s390/pci: Rework MSI descriptor walk" is in the archive but not in the series.
        var everyone = archives.Zpci.Select(m => m.From).Distinct().ToList();

        var resolved = ChangelogCredits.Resolve(["Thomas", "Alex", "Christian"], everyone);

        Assert.Contains(new Person("Thomas Gleixner", "tglx@linutronix.de"), everyone);
        Assert.Contains(new Person("Alexander Gordeev", "agordeev@linux.ibm.com"), everyone);
        Assert.Equal(
            [null, new Person("Alex Williamson", "alex.williamson@redhat.com"), new Person("Christian Borntraeger", "borntraeger@linux.ibm.com")],
            resolved.Select(r => r.Person));
    }

    [Fact]
    public void A_cover_letter_listing_every_earlier_version_gives_one_section_each()
    {
        // Claudio Imbrenda's "[PATCH v10 00/19] KVM: s390: pv: implement lazy destroy for reboot": headers without a
        // colon ("v9->v10"), star bullets, and in v2->v3 dashed sub-items under two of the changes.
        var cover = Assert.Single(archives.LinuxS390, m => m.MessageId == "20220414080311.1084834-1-imbrenda@linux.ibm.com");

        var sections = ChangelogParser.Parse(cover.BodyText);

        Assert.Equal(
            [(9, 10, 50, 4), (8, 9, 58, 4), (7, 8, 64, 9), (6, 7, 75, 5), (5, 6, 82, 3), (4, 5, 87, 4), (3, 4, 93, 4), (2, 3, 99, 5), (1, 2, 112, 8)],
            sections.Select(s => (s.FromVersion!.Value, s.ToVersion!.Value, s.Line, s.Items.Count)));
        Assert.Equal(
            [
                "added definitions for CC return codes for the UVC instruction",
                "improved make_secure_pte: - renamed rc to cc - added comments to explain why returning -EAGAIN is ok",
                "fixed kvm_s390_pv_replace_asce and kvm_s390_pv_remove_old_asce: - renamed - added locking - moved to gmap.c",
                "do proper error management in do_secure_storage_access instead of trying again hoping to get a different exception",
                "fix outdated patch descriptions",
            ],
            sections[7].Items.Select(i => i.Text));
        Assert.Equal("add new patch: perform destroy configuration UVC before clearing memory for unconditional deinit_vm (instead of afterwards)", sections[0].Items[1].Text);
        Assert.Equal("rename the KVM capability to KVM_CAP_S390_PROTECTED_ASYNC_DISABLE", sections[2].Items[^1].Text);
        Assert.Equal("added patch 1, which prevents stall notification when the system is under heavy load.", sections[8].Items[3].Text);
        Assert.Equal("add support for OOM notifier", sections[8].Items[^1].Text);
        Assert.All(sections.SelectMany(s => s.Items), i => Assert.Empty(i.Credits));
    }

    public static TheoryData<string, string[]> PatchNotes => new()
    {
        // "---\nV2:\n- move setting ... in SEV case\n  to sev_setup_arch().\nV3:\n- remove Hyper-V chunk (Michael Kelley)\n..."
        {
            "20220504155703.13336-3-jgross@suse.com",
            [
                "->2 move setting of PLATFORM_VIRTIO_RESTRICTED_MEM_ACCESS in SEV case to sev_setup_arch(). []",
                "->3 remove Hyper-V chunk (Michael Kelley) [Michael Kelley]",
                "->3 remove include virtio_config.h from mem_encrypt.c (Oleksandr Tyshchenko) [Oleksandr Tyshchenko]",
                "->3 add comment for PLATFORM_VIRTIO_RESTRICTED_MEM_ACCESS (Oleksandr Tyshchenko) [Oleksandr Tyshchenko]",
            ]
        },
        // One-line sections: "V1->V2: apply a readable ..." and "V2->V3: scsw->tm instead of ...".
        {
            "1649297808-5048-1-git-send-email-baihaowen@meizu.com",
            [
                "1->2 apply a readable and simple version as suggestion. []",
                "2->3 scsw->tm instead of scsw->cmd; fix logic flow as suggestion. []",
            ]
        },
        // patman: "Changes in v4:" with indented bullets and a URL on a deeper continuation line, then "Changes in v3:".
        {
            "20220508190631.2386038-3-masahiroy@kernel.org",
            [
                "->4 Rebase again because I dropped https://patchwork.kernel.org/project/linux-kbuild/patch/20220501084032.1025918-11-masahiroy@kernel.org/ []",
                "->4 Remove warning message because I plan to change this hunk again in a later commit []",
                "->4 Remove orphan comment []",
                "->3 New patch []",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(PatchNotes))]
    public void Patch_notes_below_the_divider_give_their_changes(string messageId, string[] expected)
    {
        var patch = Assert.Single(archives.LinuxS390, m => m.MessageId == messageId);
        var notes = patch.BodyText[(patch.BodyText.IndexOf("\n---\n", StringComparison.Ordinal) + 5)..];

        var sections = ChangelogParser.Parse(notes);

        Assert.Equal(
            expected,
            sections.SelectMany(s => s.Items.Select(i => $"{s.FromVersion}->{s.ToVersion} {i.Text} [{string.Join(", ", i.Credits)}]")));
    }

    private ParsedMessage Cover(int version)
    {
        var tag = version == 1 ? "[PATCH 00/32]" : $"[PATCH v{version} 00/";
        return Assert.Single(archives.Zpci, m => m.Subject.StartsWith(tag, StringComparison.Ordinal)
            && m.Subject.EndsWith("] KVM: s390: enable zPCI for interpretive execution", StringComparison.Ordinal));
    }

    /// <summary>
    /// The senders of the nine cover letters and of every message threaded below one, in archive order. The robot
    /// answers a patch with only that patch in References, so the threads are followed link by link.
    /// </summary>
    private List<Person> SeriesParticipants()
    {
        var inSeries = Enumerable.Range(1, 9).Select(v => Cover(v).MessageId).ToHashSet(StringComparer.Ordinal);
        var grew = true;
        while (grew)
        {
            var before = inSeries.Count;
            inSeries.UnionWith(archives.Zpci.Where(m => m.References.Any(inSeries.Contains) || m.InReplyTo.Any(inSeries.Contains)).Select(m => m.MessageId));
            grew = inSeries.Count > before;
        }

        return [.. archives.Zpci.Where(m => inSeries.Contains(m.MessageId)).Select(m => m.From).Distinct()];
    }
}
