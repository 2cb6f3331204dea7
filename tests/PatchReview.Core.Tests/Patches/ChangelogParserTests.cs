using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using Xunit;

namespace PatchReview.Core.Tests.Patches;

public sealed class ChangelogParserTests
{
    [Theory]
    [InlineData("Changes v1->v2:", 1, 2, false)]
    [InlineData("Changelog v6->v7:", 6, 7, false)]
    [InlineData("Changes since v1:", 1, 2, true)]
    [InlineData("Changes in v3", null, 3, false)]
    [InlineData("Changes in v3:", null, 3, false)]
    [InlineData("v2:", null, 2, false)]
    [InlineData("V2:", null, 2, false)]
    [InlineData("v1 -> v2:", 1, 2, false)]
    [InlineData("V1->V2:", 1, 2, false)]
    [InlineData("v1 --> v2", 1, 2, false)]
    [InlineData("Changes from v5:", 5, 6, true)]
    [InlineData("Changes from v1 to v2:", 1, 2, false)]
    [InlineData("Changes between v2 and v3:", 2, 3, false)]
    [InlineData("Since v3:", 3, 4, true)]
    [InlineData("v4 changes:", null, 4, false)]
    [InlineData("Changes since v1 [1]:", 1, 2, true)]
    [InlineData("Change log v7 -> v8:", 7, 8, false)]
    [InlineData("Changes:", null, null, false)]
    [InlineData("Changelog:", null, null, false)]
    public void Header_forms_give_their_versions(string header, int? from, int? to, bool inferred)
    {
        var section = Assert.Single(ChangelogParser.Parse($"{header}\n- one change\n"));

        Assert.Equal((from, to, inferred, header, 1), (section.FromVersion, section.ToVersion, section.ToVersionInferred, section.Header, section.Line));
        Assert.Equal("one change", Assert.Single(section.Items).Text);
    }

    [Theory]
    [InlineData("Changes are minor this time.")]
    [InlineData("Since I wrote the first version, a lot happened.")]
    [InlineData("now the v5 one is still compatible")]
    [InlineData("v5 one is still compatible")]
    [InlineData("(no changes since v2)")]
    [InlineData("  v2: indented, so part of something else")]
    [InlineData("Change in behaviour: none")]
    [InlineData("Changes: none")]
    [InlineData("version 2:")]
    [InlineData("for V2: clean-up (comment, console flushing idea, useless header), the")]
    [InlineData("In v3: we do it differently")]
    public void Prose_is_no_header(string line)
        => Assert.Empty(ChangelogParser.Parse($"{line}\n- not a change\n"));

    [Fact]
    public void A_link_to_an_earlier_version_starts_no_section_and_is_no_item()
    {
        // The v4 cover of the zPCI series.
        const string text = """
            Changelog v3->v4:
            v3: https://lore.kernel.org/kvm/20220204211536.321475-1-mjrosato@linux.ibm.com/
            - Significant overhaul of the userspace API.
            """;

        var section = Assert.Single(ChangelogParser.Parse(text));

        Assert.Equal((3, 4), (section.FromVersion, section.ToVersion));
        Assert.Equal(["Significant overhaul of the userspace API."], section.Items.Select(i => i.Text));
    }

    [Fact]
    public void A_version_link_after_changes_heads_the_changes_of_that_version()
    {
        // The shape of Nicolin Chen's "[PATCH v3 0/5] cover letter on linux-s390.
        const string text = """
            Changelog
            v3:
             * Dropped all dev_err since -EMEDIUMTYPE clearly indicates what error.
             * Added Kevin's "Reviewed-by".
            v2: https://lore.kernel.org/kvm/20220616000304.23890-1-nicolinc@nvidia.com/
             * Added -EMEDIUMTYPE to more IOMMU drivers that fit the category.
            v1: https://lore.kernel.org/kvm/20220606061927.26049-1-nicolinc@nvidia.com/

            Jason Gunthorpe (1):
            """;

        var sections = ChangelogParser.Parse(text);

        Assert.Equal([(3, 2, 2), (2, 1, 5)], sections.Select(s => (s.ToVersion!.Value, s.Items.Count, s.Line)));
        Assert.Equal("Added -EMEDIUMTYPE to more IOMMU drivers that fit the category.", sections[1].Items[0].Text);
    }

    [Theory]
    [InlineData("Changes since v1: https://lore.kernel.org/r/20220101-1-a@example.org/")]
    [InlineData("Changes since v1 (https://lore.kernel.org/r/20220101-1-a@example.org/):")]
    [InlineData("v1 -> v2: https://lore.kernel.org/r/20220101-1-a@example.org/")]
    public void A_header_naming_the_earlier_version_by_link_still_heads_its_section(string header)
    {
        var section = Assert.Single(ChangelogParser.Parse($"{header}\n- the change\n"));

        Assert.Equal((1, 2), (section.FromVersion, section.ToVersion));
        Assert.Equal(["the change"], section.Items.Select(i => i.Text));
    }

    [Theory]
    [InlineData("Changelog from v2:\n----\n- Remove useless one variable\n- Minor style fixes\n")]
    [InlineData("Changelog from v2:\n===\n- Remove useless one variable\n- Minor style fixes\n")]
    [InlineData("Changelog from v2:\n---\n- Remove useless one variable\n- Minor style fixes\n\nAs suggested by Claudio, move it.\n")]
    public void An_underlined_header_keeps_its_items(string text)
    {
        var section = Assert.Single(ChangelogParser.Parse(text));

        Assert.Equal((2, 3, true), (section.FromVersion, section.ToVersion, section.ToVersionInferred));
        Assert.Equal(["Remove useless one variable", "Minor style fixes"], section.Items.Select(i => i.Text));
    }

    [Fact]
    public void Dashes_below_a_one_line_section_are_the_divider()
    {
        var section = Assert.Single(ChangelogParser.Parse("v2: fixed the foo\n---\n- not a change\n"));

        Assert.Equal(["fixed the foo"], section.Items.Select(i => i.Text));
    }

    [Fact]
    public void Bullets_numbers_and_continuations_make_items_in_order()
    {
        const string text = """
            Changes since v1:
            - dash item
            * star item that wraps
              onto an indented line
            o o-bullet item
            • dot item
            1. numbered with a dot
            2) numbered with a paren
            (3) numbered in parens
            - wrapped without indent
            onto the next line
            """;

        var section = Assert.Single(ChangelogParser.Parse(text));

        Assert.Equal(
            [
                (1, "dash item", 2),
                (2, "star item that wraps onto an indented line", 3),
                (3, "o-bullet item", 5),
                (4, "dot item", 6),
                (5, "numbered with a dot", 7),
                (6, "numbered with a paren", 8),
                (7, "numbered in parens", 9),
                (8, "wrapped without indent onto the next line", 10),
            ],
            section.Items.Select(i => (i.Number, i.Text, i.Line)));
    }

    [Fact]
    public void Blank_lines_between_items_and_indented_paragraphs_stay_in_the_section()
    {
        const string text = "v3:\n\n  - first\n\n  - second\n\n    more about the second\n\n  - third\n";

        var section = Assert.Single(ChangelogParser.Parse(text));

        Assert.Equal(["first", "second more about the second", "third"], section.Items.Select(i => i.Text));
    }

    [Fact]
    public void Nested_bullets_belong_to_the_item_above()
    {
        var section = Assert.Single(ChangelogParser.Parse("v2:\n  * Patch 3:\n    - rename foo\n    - fix bar\n  * Patch 4: fix baz\n"));

        Assert.Equal(["Patch 3: - rename foo - fix bar", "Patch 4: fix baz"], section.Items.Select(i => i.Text));
    }

    [Fact]
    public void A_number_opening_a_wrapped_line_continues_the_bullet_above()
    {
        const string text = "Changelog v4->v5:\n- expects the gisa designation to always be\n  0.  Now that we set the gisa earlier, vfio-pci can trip this.\n- next\n";

        var section = Assert.Single(ChangelogParser.Parse(text));

        Assert.Equal(
            ["expects the gisa designation to always be 0.  Now that we set the gisa earlier, vfio-pci can trip this.", "next"],
            section.Items.Select(i => i.Text));
    }

    [Fact]
    public void Trailing_white_space_is_dropped_and_inner_spacing_kept()
    {
        var section = Assert.Single(ChangelogParser.Parse("Changelog v5->v6:   \n- Add more R-b tags      \n- one.  Two   \n  three   \n"));

        Assert.Equal(["Add more R-b tags", "one.  Two three"], section.Items.Select(i => i.Text));
    }

    [Fact]
    public void One_line_sections_carry_their_change_on_the_header_line()
    {
        const string text = "v3: add trace_clock= specifics (Steven)\nv2: drop \"smt-enabled\" for arch/powerpc/ (Michael)\n";

        var sections = ChangelogParser.Parse(text);

        Assert.Equal([(null, 3, 1), (null, 2, 2)], sections.Select(s => ((int?)s.FromVersion, s.ToVersion, s.Line)));
        Assert.Equal("add trace_clock= specifics (Steven)", Assert.Single(sections[0].Items).Text);
        Assert.Equal(["Michael"], Assert.Single(sections[1].Items).Credits);
        Assert.Equal("v3: add trace_clock= specifics (Steven)", sections[0].Header);
    }

    [Fact]
    public void A_one_line_change_may_wrap_and_may_carry_a_bullet()
    {
        var sections = ChangelogParser.Parse("V1->V2: also remove the isglobal assigment above, so the whole else block\ncould go away\nv3: - use a bullet anyway\n");

        Assert.Equal("also remove the isglobal assigment above, so the whole else block could go away", Assert.Single(sections[0].Items).Text);
        Assert.Equal("use a bullet anyway", Assert.Single(sections[1].Items).Text);
    }

    [Fact]
    public void A_section_without_bullets_holds_its_paragraph_as_one_item()
    {
        var section = Assert.Single(ChangelogParser.Parse("v2:\n  Drop trailing endmenu comments.\n\n---\n"));

        Assert.Equal("Drop trailing endmenu comments.", Assert.Single(section.Items).Text);
    }

    [Fact]
    public void Every_version_of_a_long_series_gets_its_own_section()
    {
        const string text = """
            Changes in v9:
            - rebase on 5.19-rc1

            Changes in v8:
            - fix the ioctl documentation (Thomas)
            - add the 'say Y' (Jason)

            Changes in v2:
            - first round of review
            """;

        var sections = ChangelogParser.Parse(text);

        Assert.Equal([(9, 1, 1), (8, 2, 4), (2, 1, 8)], sections.Select(s => (s.ToVersion!.Value, s.Items.Count, s.Line)));
    }

    [Fact]
    public void The_shortlog_and_diffstat_of_a_cover_letter_are_not_items()
    {
        const string text = """
            Changelog v6->v7:
            - Add some more R-b tags
            - uapi KVM_CAP_S390_ZPCI_OP moved to 216 (previously 214)

            Matthew Rosato (22):
              s390/sclp: detect the zPCI load/store interpretation facility
              KVM: s390: pci: provide routines for enabling/disabling interrupt
                forwarding

             arch/s390/kvm/pci.c              | 690 +++++++++++++++++++++++++++++++
             33 files changed, 1313 insertions(+), 55 deletions(-)
             create mode 100644 arch/s390/kvm/pci.c

            -- 
            2.27.0
            """;

        var section = Assert.Single(ChangelogParser.Parse(text));

        Assert.Equal(["Add some more R-b tags", "uapi KVM_CAP_S390_ZPCI_OP moved to 216 (previously 214)"], section.Items.Select(i => i.Text));
    }

    [Theory]
    [InlineData("v2:\n- a change\n arch/s390/kvm/pci.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n")]
    [InlineData("v2:\n- a change\n foo.bin | Bin 0 -> 12 bytes\n")]
    [InlineData("v2:\n- a change\n---\n arch/s390/kvm/pci.c | 2 +-\n")]
    [InlineData("v2:\n- a change\ndiff --git a/x b/x\n- not a change\n")]
    [InlineData("v2:\n- a change\n-- \nSignature - not a change\n")]
    [InlineData("v2:\n- a change\n\nThanks for all the reviews.\n- not a change\n")]
    [InlineData("v2:\n- a change\n\nJuergen Gross (2):\n  kernel: add platform_has() infrastructure\n")]
    public void The_changelog_ends_where_something_else_begins(string text)
    {
        var section = Assert.Single(ChangelogParser.Parse(text));

        Assert.Equal(["a change"], section.Items.Select(i => i.Text));
    }

    [Fact]
    public void A_changelog_may_follow_other_text_and_ends_at_the_next_paragraph()
    {
        const string text = """
            Note: this version of the series is built on top of vfio -next:
            https://github.com/awilliam/linux-vfio/tree/next

            ---

            Enable interpretive execution of zPCI instructions.

            Changelog v7->v8:
            - Fix ioctl documentation (Thomas)

            Some closing words that are
            no change at all.
            """;

        var section = Assert.Single(ChangelogParser.Parse(text));

        Assert.Equal((7, 8, 8), (section.FromVersion, section.ToVersion, section.Line));
        Assert.Equal(["Fix ioctl documentation (Thomas)"], section.Items.Select(i => i.Text));
    }

    [Fact]
    public void A_header_without_items_is_an_empty_section()
    {
        var section = Assert.Single(ChangelogParser.Parse("Changes in v2:\n\n---\n"));

        Assert.Empty(section.Items);
    }

    [Theory]
    [InlineData("s/has_zpci_interp/has_zpci_lsi/ (Christian)", new[] { "Christian" })]
    [InlineData("Mark a few routines static (kernel bot)", new[] { "kernel bot" })]
    [InlineData("check argz against data size (Jason, Alex)", new[] { "Jason", "Alex" })]
    [InlineData("Simplify changes made for zpci_get_mdd (Pierre, Christian)", new[] { "Pierre", "Christian" })]
    [InlineData("rename set/reset functions to platform_[set|clear]() (Boris Petkov, Heiko Carstens)", new[] { "Boris Petkov", "Heiko Carstens" })]
    [InlineData("cleanup hostflag setting (Thomas) and also fix an accidental bit inversion", new[] { "Thomas" })]
    [InlineData("rework locking per Jason", new[] { "Jason" })]
    [InlineData("rework locking per Jason's review", new[] { "Jason" })]
    [InlineData("use a Kconfig option, suggested by Alex", new[] { "Alex" })]
    [InlineData("use a Kconfig option (suggested by Alex)", new[] { "Alex" })]
    [InlineData("After discussions with Jason, let's go back to using a Kconfig option", new[] { "Jason" })]
    [InlineData("fix the build, reported by the kernel test robot", new[] { "kernel test robot" })]
    [InlineData("split the helper as suggested by Alex and Jason Gunthorpe", new[] { "Alex", "Jason Gunthorpe" })]
    [InlineData("fix typo (thanks Christophe JAILLET!)", new[] { "Christophe JAILLET" })]
    [InlineData("drop the check (Alex & Niklas)", new[] { "Alex", "Niklas" })]
    [InlineData("drop the check (Alex and Niklas)", new[] { "Alex", "Niklas" })]
    [InlineData("keep it (Jean-Philippe Brucker)", new[] { "Jean-Philippe Brucker" })]
    [InlineData("Related to the above, add some more checks for IS_ENABLED(CONFIG_PCI) (Pierre)", new[] { "Pierre" })]
    [InlineData("trigger GISA (un)registration from virt/kvm/vfio.c (Jason)", new[] { "Jason" })]
    [InlineData("Fix it (Christian) and again (Christian)", new[] { "Christian" })]
    public void Items_credit_the_names_they_mention(string item, string[] credits)
    {
        var section = Assert.Single(ChangelogParser.Parse($"v2:\n- {item}\n"));

        Assert.Equal(credits, Assert.Single(section.Items).Credits);
    }

    [Theory]
    [InlineData("Added many R-bs / ACKs (Thanks!)")]
    [InlineData("uapi KVM_CAP_S390_ZPCI_OP moved to 216 (previously 214)")]
    [InlineData("Add a new type to vfio_iommu_type1 (KVM-owned) to trigger the allocation")]
    [InlineData("Add a check (need both the facilities and the kvm/pci.o pieces)")]
    [InlineData("CLP SET PCI FN (disable) expects the gisa designation")]
    [InlineData("errors in lower level function (kvm_s390_pci_unregister_kvm)")]
    [InlineData("Return EINVAL if both GET and SET are specified (without PROBE).")]
    [InlineData("use a per CPU counter")]
    [InlineData("one counter per patch")]
    [InlineData("fix ppc64le C macros (and actually test them)")]
    [InlineData("map it (IBM)")]
    [InlineData("Patch 8 + some later patches: s/gd/gisa/ (Patch 12)")]
    [InlineData("spotted by code review")]
    public void Items_without_names_credit_no_one(string item)
    {
        var section = Assert.Single(ChangelogParser.Parse($"v2:\n- {item}\n"));

        Assert.Empty(Assert.Single(section.Items).Credits);
    }

    private static readonly Person Jason = new("Jason Gunthorpe", "jgg@nvidia.com");
    private static readonly Person JasonAtZiepe = new("Jason Gunthorpe", "jgg@ziepe.ca");
    private static readonly Person Alex = new("Alex Williamson", "alex.williamson@redhat.com");
    private static readonly Person Alexander = new("Alexander Gordeev", "agordeev@linux.ibm.com");
    private static readonly Person ThomasHuth = new("Thomas Huth", "thuth@redhat.com");
    private static readonly Person ThomasGleixner = new("Thomas Gleixner", "tglx@linutronix.de");
    private static readonly Person Robot = new("kernel test robot", "lkp@intel.com");
    private static readonly Person Pierre = new("Pierre Morel", "pmorel@linux.ibm.com");
    private static readonly Person Zoe = new("Zoë Müller", "zoe@example.org");

    [Fact]
    public void Credits_resolve_by_first_name_full_name_and_address_local_part_ignoring_case()
    {
        var resolved = ChangelogCredits.Resolve(
            ["Jason", "alex", "Pierre Morel", "pmorel", "jgg", "PIERRE", "Zoe", "zoe muller"],
            [Jason, Alex, Alexander, Pierre, Zoe]);

        Assert.Equal(
            [
                new ChangelogCredit("Jason", Jason),
                new ChangelogCredit("alex", Alex),
                new ChangelogCredit("Pierre Morel", Pierre),
                new ChangelogCredit("pmorel", Pierre),
                new ChangelogCredit("jgg", Jason),
                new ChangelogCredit("PIERRE", Pierre),
                new ChangelogCredit("Zoe", Zoe),
                new ChangelogCredit("zoe muller", Zoe),
            ],
            resolved);
    }

    [Theory]
    [InlineData("kernel bot")]
    [InlineData("kernel test robot")]
    [InlineData("the kernel test robot")]
    [InlineData("lkp")]
    [InlineData("0day bot")]
    [InlineData("kbuild test robot")]
    public void The_robot_resolves_to_the_sender_at_lkp(string credit)
    {
        var resolved = Assert.Single(ChangelogCredits.Resolve([credit], [Alex, Robot]));

        Assert.Equal(Robot, resolved.Person);
        Assert.Null(Assert.Single(ChangelogCredits.Resolve([credit], [Alex])).Person);
    }

    [Fact]
    public void A_first_name_two_participants_share_stays_unresolved()
    {
        var resolved = ChangelogCredits.Resolve(["Thomas", "Thomas Huth", "thuth"], [ThomasHuth, ThomasGleixner]);

        Assert.Equal([null, ThomasHuth, ThomasHuth], resolved.Select(r => r.Person));
        Assert.Equal("Thomas", resolved[0].Credit);
    }

    [Fact]
    public void One_person_writing_from_two_addresses_is_no_ambiguity()
    {
        var resolved = Assert.Single(ChangelogCredits.Resolve(["Jason"], [JasonAtZiepe, Alex, Jason]));

        Assert.Equal(JasonAtZiepe, resolved.Person);
    }

    [Fact]
    public void Unknown_credits_keep_their_raw_string_and_no_person()
    {
        var resolved = ChangelogCredits.Resolve(["Steven", "Claudio", ""], [Jason, Alex]);

        Assert.Equal([("Steven", (Person?)null), ("Claudio", null), ("", null)], resolved.Select(r => (r.Credit, r.Person)));
    }
}
