using PatchReview.Core.Decisions;
using Xunit;

namespace PatchReview.Core.Tests.Decisions;

public sealed class DecisionTextTests
{
    // Proposals as the corpus writes them: zPCI v6 16/21 (1bca5de9-…), zPCI v3 (1ff6e06c-…), 2022q2 series 1432,
    // 2393, 1442 and 1697.
    [Theory]
    [InlineData("And could do so again; as discussed in the thread there, I can use e.g. CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM in this series.",
        "Use CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM in this series")]
    [InlineData("Since this setting will imply PCI, VFIO_PCI and KVM, we can then s/CONFIG_VFIO_PCI_ZDEV/CONFIG_VFIO_PCI_ZDEV_KVM/ for the rest of the series",
        "Rename CONFIG_VFIO_PCI_ZDEV to CONFIG_VFIO_PCI_ZDEV_KVM for the rest of the series")]
    [InlineData("What about using rcu_read_lock() directly?", "Use rcu_read_lock() directly")]
    [InlineData("I will post a patch for mac80211_hwsim.c.", "Post a patch for mac80211_hwsim.c")]
    [InlineData("If no, I'll fix formatting and append it to bitmap-for-next.", "Fix formatting and append it to bitmap-for-next")]
    [InlineData("So I think we can define an ARCH-specific huge_ptep_get() interface for arm64", "Define an ARCH-specific huge_ptep_get() interface for arm64")]
    [InlineData("How about splitting the series in two?", "Split the series in two")]
    [InlineData("How about rcu_read_lock() here?", "Use rcu_read_lock() here")]
    [InlineData("I do think 'gisa_designation' is too verbose though -- How about just 'gisa', this is the same name used in the structure",
        "Use 'gisa'")]
    [InlineData("How about a helper in vfio_pci_zdev.c?", "How about a helper in vfio_pci_zdev.c")]
    [InlineData("How about something like foo_bar()?", "How about something like foo_bar()")]
    [InlineData("I suggest that we use foo_bar() here.", "Use foo_bar() here")]
    [InlineData("Patch 8: s/gd/gisa/g", null)]
    [InlineData("As long as nobody objects I will s/gd/gisa/ here and in struct clp_req_set_pci, retaining review tags.",
        "Rename gd to gisa here and in struct clp_req_set_pci, retaining review tags")]
    [InlineData("Let's drop the lock entirely.", "Drop the lock entirely")]
    public void A_proposal_reads_as_what_it_says_to_do(string proposal, string? title)
    {
        Assert.Equal(title, DecisionText.Imperative(proposal));
    }

    [Fact]
    public void A_sed_style_rename_names_both_names()
    {
        Assert.Superset(new HashSet<string> { "gisa", "clp_req_set_pci" }, DecisionText.Identifiers("I will s/gd/gisa/ here and in struct clp_req_set_pci").ToHashSet());
        Assert.DoesNotContain("gd", DecisionText.Identifiers("I will s/gd/gisa/ here"));
    }

    [Fact]
    public void A_global_sed_rename_reads_as_a_rename_without_its_flag()
    {
        Assert.Equal("Patch 8: rename gd to gisa", DecisionText.Renames("Patch 8: s/gd/gisa/g"));
    }

    [Fact]
    public void A_sentence_without_a_proposing_phrase_has_no_imperative()
    {
        Assert.Null(DecisionText.Imperative("The lock protects the contents of kvm_zdev_ioat."));
    }

    [Theory]
    [InlineData("using", "use")]
    [InlineData("adding", "add")]
    [InlineData("splitting", "split")]
    [InlineData("dropping", "drop")]
    [InlineData("moving", "move")]
    [InlineData("introducing", "introduce")]
    [InlineData("handling", "handle")]
    [InlineData("updating", "update")]
    [InlineData("creating", "create")]
    [InlineData("calling", "call")]
    [InlineData("passing", "pass")]
    [InlineData("syncing", "sync")]
    [InlineData("repeating", "repeat")]
    [InlineData("checking", "check")]
    [InlineData("closing", "close")]
    [InlineData("formatting", "format")]
    public void How_about_with_a_gerund_becomes_the_verb(string gerund, string verb)
    {
        Assert.Equal(char.ToUpperInvariant(verb[0]) + verb[1..] + " it", DecisionText.Imperative($"How about {gerund} it?"));
    }
}
