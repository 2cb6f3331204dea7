using PatchReview.Core.Series;
using Xunit;

namespace PatchReview.Core.Tests.Series;

public sealed class SeriesReferencesTests
{
    [Theory]
    [InlineData("https://lore.kernel.org/r/20220404174349.58530-1-mjrosato@linux.ibm.com/", "20220404174349.58530-1-mjrosato@linux.ibm.com")]
    [InlineData("https://lore.kernel.org/r/20220404174349.58530-1-mjrosato@linux.ibm.com", "20220404174349.58530-1-mjrosato@linux.ibm.com")]
    [InlineData("https://lore.kernel.org/kvm/20220204211536.321475-1-mjrosato@linux.ibm.com/", "20220204211536.321475-1-mjrosato@linux.ibm.com")]
    [InlineData("https://lore.kernel.org/all/20220603101411.488970-1-anshuman.khandual@arm.com/T/#u", "20220603101411.488970-1-anshuman.khandual@arm.com")]
    [InlineData("https://lore.kernel.org/linux-s390/cover.1651216964.git.baolin.wang@linux.alibaba.com/raw", "cover.1651216964.git.baolin.wang@linux.alibaba.com")]
    [InlineData("http://lkml.kernel.org/r/20220101.1234-1-someone@example.org", "20220101.1234-1-someone@example.org")]
    [InlineData("https://patch.msgid.link/20240101-topic-v2-1-abcdef@kernel.org", "20240101-topic-v2-1-abcdef@kernel.org")]
    [InlineData("https://patchwork.kernel.org/project/linux-kbuild/patch/20220505072244.1155033-2-masahiroy@kernel.org/", "20220505072244.1155033-2-masahiroy@kernel.org")]
    [InlineData("https://lore.kernel.org/r/0-v3-e131a9b6b467+14b6-vfio_mdev_no_group_jgg@nvidia.com", "0-v3-e131a9b6b467+14b6-vfio_mdev_no_group_jgg@nvidia.com")]
    [InlineData("https://lore.kernel.org/r/20220101.1-1-a%2Bb@example.org/", "20220101.1-1-a+b@example.org")]
    [InlineData("(see https://lore.kernel.org/r/abc@example.org)", "abc@example.org")]
    [InlineData("<https://lore.kernel.org/r/abc@example.org>", "abc@example.org")]
    [InlineData("as sent in https://lore.kernel.org/r/abc@example.org.", "abc@example.org")]
    public void Every_lore_style_link_names_its_message_id(string line, string id)
    {
        Assert.Equal([id], SeriesReferences.Find(line).LinkedIds);
    }

    [Theory]
    [InlineData("https://lore.kernel.org/linux-s390/")]
    [InlineData("https://git.kernel.org/pub/scm/linux/kernel/git/s390/linux.git/commit/?id=abc")]
    [InlineData("https://github.com/someone/linux/commits/branch@v2")]
    [InlineData("Link: 20220404174349.58530-1-mjrosato@linux.ibm.com")]
    public void Other_links_and_bare_ids_name_nothing(string line)
    {
        Assert.Same(SeriesReferences.None, SeriesReferences.Find(line));
    }

    [Theory]
    [InlineData("v3: https://lore.kernel.org/r/a@x.org/")]
    [InlineData("V1 -> https://lore.kernel.org/r/a@x.org/")]
    [InlineData("Previous version: https://lore.kernel.org/r/a@x.org/")]
    [InlineData("The earlier version is at https://lore.kernel.org/r/a@x.org/")]
    [InlineData("RFC v2 https://lore.kernel.org/r/a@x.org/")]
    public void A_link_on_a_line_that_speaks_of_a_version_is_labelled(string line)
    {
        var references = SeriesReferences.Find(line);

        Assert.Equal(["a@x.org"], references.LinkedIds);
        Assert.Equal(["a@x.org"], references.LabelledIds);
    }

    [Theory]
    [InlineData("Link: https://lore.kernel.org/r/a@x.org/")]
    [InlineData("This series is based on v5.19-rc1 and https://lore.kernel.org/r/a@x.org/")]
    [InlineData("It depends on v2 of the vfio series: https://lore.kernel.org/r/a@x.org/")]
    [InlineData("Based on top of v3: https://lore.kernel.org/r/a@x.org/")]
    [InlineData("Tested on v5.18 https://lore.kernel.org/r/a@x.org/")]
    public void A_link_without_a_version_label_or_to_a_base_is_only_linked(string line)
    {
        var references = SeriesReferences.Find(line);

        Assert.Equal(["a@x.org"], references.LinkedIds);
        Assert.Empty(references.LabelledIds);
    }

    [Fact]
    public void A_label_line_labels_the_link_standing_alone_below_it_even_after_a_blank_line()
    {
        // The mm/mmap V4 cover of June 2022.
        const string text = """
            Changes in V3:

            https://lore.kernel.org/all/20220616040924.1022607-1-anshuman.khandual@arm.com/

            - Fix build issues on powerpc and riscv

            Changes in V1:

            https://lore.kernel.org/all/20220603101411.488970-1-anshuman.khandual@arm.com/
            """;

        Assert.Equal(
            ["20220616040924.1022607-1-anshuman.khandual@arm.com", "20220603101411.488970-1-anshuman.khandual@arm.com"],
            SeriesReferences.Find(text).LabelledIds);
    }

    [Fact]
    public void A_line_of_text_between_a_label_and_a_link_ends_the_label()
    {
        const string text = """
            Changes in V1:
            - drop the unused helper
            https://lore.kernel.org/all/20220603101411.488970-1-anshuman.khandual@arm.com/
            """;

        var references = SeriesReferences.Find(text);

        Assert.Equal(["20220603101411.488970-1-anshuman.khandual@arm.com"], references.LinkedIds);
        Assert.Empty(references.LabelledIds);
    }

    [Fact]
    public void A_label_line_does_not_label_a_link_inside_a_changelog_item()
    {
        const string text = """
            Changes in v3:
            - rebased onto https://lore.kernel.org/r/dependency@x.org/
            """;

        var references = SeriesReferences.Find(text);

        Assert.Equal(["dependency@x.org"], references.LinkedIds);
        Assert.Empty(references.LabelledIds);
    }

    [Fact]
    public void A_footnote_cited_by_a_version_line_labels_its_link()
    {
        // Niklas Schnelle's "PCI: Rework pci_scan_slot() and isolated PCI functions" v2 cover, April 2022.
        const string text = """
            In an earlier version[0], I sought to apply the existing jailhouse special case
            to s390 as well, see the discussion in [1].

            [0] https://lore.kernel.org/linux-pci/20220404095346.2324666-1-schnelle@linux.ibm.com/
            [1] https://lore.kernel.org/linux-pci/20220408224514.GA353445@bhelgaas/
            """;

        var references = SeriesReferences.Find(text);

        Assert.Equal(["20220404095346.2324666-1-schnelle@linux.ibm.com", "20220408224514.GA353445@bhelgaas"], references.LinkedIds);
        Assert.Equal(["20220404095346.2324666-1-schnelle@linux.ibm.com"], references.LabelledIds);
    }

    [Fact]
    public void A_base_series_named_in_the_cover_is_linked_but_not_labelled()
    {
        // "[kvm-unit-tests PATCH v3 0/4] More skey instr. emulation test", May 2022.
        const string text = """
            This series is based on s390x: Rework TEID decoding and usage .
            https://lore.kernel.org/kvm/20220520190850.3445768-1-scgl@linux.ibm.com/
            """;

        var references = SeriesReferences.Find(text);

        Assert.Equal(["20220520190850.3445768-1-scgl@linux.ibm.com"], references.LinkedIds);
        Assert.Empty(references.LabelledIds);
    }

    [Fact]
    public void Quoted_lines_are_someone_elses_and_name_nothing()
    {
        const string text = """
            > v2: https://lore.kernel.org/r/quoted@x.org/
            > Changes in v1:
            https://lore.kernel.org/r/own@x.org/
            > Supersedes: <old@x.org>
            > change-id: 20220101-quoted-abc
            """;

        var references = SeriesReferences.Find(text);

        Assert.Equal(["own@x.org"], references.LinkedIds);
        Assert.Empty(references.LabelledIds);
        Assert.Empty(references.SupersedesIds);
        Assert.Empty(references.ChangeIds);
    }

    [Fact]
    public void Supersedes_names_message_ids_in_brackets_or_as_links()
    {
        const string text = """
            Supersedes: <20220101.1-1-a@x.org> <20220101.1-2-a@x.org>
            supersedes: https://lore.kernel.org/r/20211201.9-1-a@x.org/
            """;

        var references = SeriesReferences.Find(text);

        Assert.Equal(["20211201.9-1-a@x.org", "20220101.1-1-a@x.org", "20220101.1-2-a@x.org"], references.SupersedesIds.Order(StringComparer.Ordinal));
        Assert.Equal(["20211201.9-1-a@x.org"], references.LinkedIds);
    }

    [Fact]
    public void Only_b4s_own_change_id_is_kept_not_the_one_of_a_prerequisite()
    {
        const string text = """
            ---
            base-commit: 3d7cb6b04c3f3115719235cc6866b10326de34cd
            change-id: 20240115-topic-name-abc123
            prerequisite-change-id: 20231201-other-series-def456:v3
            prerequisite-patch-id: 0123456789abcdef0123456789abcdef01234567
            change-id: not a value
            """;

        Assert.Equal(["20240115-topic-name-abc123"], SeriesReferences.Find(text).ChangeIds);
    }

    [Fact]
    public void A_message_id_linked_twice_is_listed_once()
    {
        const string text = """
            v1: https://lore.kernel.org/r/a@x.org/
            See https://lore.kernel.org/all/a@x.org/T/ for the discussion.
            """;

        var references = SeriesReferences.Find(text);

        Assert.Equal(["a@x.org"], references.LinkedIds);
        Assert.Equal(["a@x.org"], references.LabelledIds);
    }

    [Fact]
    public void Text_without_references_gives_none()
    {
        Assert.Same(SeriesReferences.None, SeriesReferences.Find("Just a commit message.\n\nSigned-off-by: A <a@x.org>\n"));
        Assert.Same(SeriesReferences.None, SeriesReferences.Find(""));
    }
}
