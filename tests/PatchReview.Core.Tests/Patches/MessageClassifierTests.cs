using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using Xunit;

namespace PatchReview.Core.Tests.Patches;

public sealed class MessageClassifierTests
{
    private const string Diff = """
        Detect the Adapter Event Notification Interpretation facility.

        Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>
        ---
         arch/s390/include/asm/sclp.h | 1 +
         1 file changed, 1 insertion(+)

        diff --git a/arch/s390/include/asm/sclp.h b/arch/s390/include/asm/sclp.h
        index 1234567..89abcde 100644
        --- a/arch/s390/include/asm/sclp.h
        +++ b/arch/s390/include/asm/sclp.h
        @@ -1,3 +1,4 @@
        +	u8 has_aeni : 1;
        --
        2.27.0

        """;

    private const string QuotedDiff = """
        On Fri, May 13, 2022 at 03:15:04PM -0400, Matthew Rosato wrote:
        > diff --git a/drivers/vfio/pci/vfio_pci_zdev.c b/drivers/vfio/pci/vfio_pci_zdev.c
        > --- a/drivers/vfio/pci/vfio_pci_zdev.c
        > +++ b/drivers/vfio/pci/vfio_pci_zdev.c
        > @@ -136,3 +137,56 @@ int vfio_pci_info_zdev_add_caps(struct vfio_pci_core_device *vdev,

        unregister really shouldn't fail.

        """;

    private const string CoverBody = """
        This series enables interpretive execution of zPCI instructions.

        Matthew Rosato (21):
          s390/sclp: detect the zPCI load/store interpretation facility

         arch/s390/include/asm/sclp.h | 1 +
         21 files changed, 1400 insertions(+), 100 deletions(-)

        """;

    private const string PullBody = """
        Hi Paolo,

        The following changes since commit 3d7fd2fe7b2d1a4f3fb8b4a3bd4d2c4d2b7f1234:

          KVM: s390: foo (2022-06-01 10:00:00 +0200)

        are available in the Git repository at:

          git://git.kernel.org/pub/scm/linux/kernel/git/kvms390/linux.git tags/kvm-s390-next-5.20-1

        """;

    [Theory]
    [InlineData("[PATCH v9 03/21] s390/sclp: detect the AENI facility", true)]
    [InlineData("[PATCH v9 03/21] s390/sclp: detect the AENI facility", false)]
    [InlineData("[PATCH] s390/sclp: Fix typo in comments", false)]
    [InlineData("[RFC net-next] net/smc:introduce 1RTT to SMC", false)]
    [InlineData("[PATCH v5.1 3/8] foo", true)]
    [InlineData("[PATCH AUTOSEL 5.17 18/31] s390/pci: improve zpci_dev reference counting", true)]
    [InlineData("[PATCH 34.5/36] cpuidle,omap4: Push RCU-idle into omap4_enter_lowpower()", true)]
    [InlineData("please consider for stable: \"s390/mm: use non-quiescing sske for KVM switch to keyed guest\"", false)]
    [InlineData("s390/pci: untagged patch sent in a thread", true)]
    public void A_diff_of_its_own_without_a_reply_prefix_makes_a_patch(string subject, bool isReply)
    {
        Assert.Equal(MessageKind.Patch, MessageClassifier.Classify(subject, isReply, Diff));
    }

    [Theory]
    [InlineData("[PATCH v9 00/21] KVM: s390: enable zPCI for interpretive execution", false, "")]
    [InlineData("[PATCH 00/32] KVM: s390: enable zPCI for interpretive execution", false, CoverBody)]
    [InlineData("[PATCH v2 0/5] foo", true, CoverBody)]
    [InlineData("[PATCH 0/5 v1] mm, oom: Introduce per numa node oom for CONSTRAINT_MEMORY_POLICY", false, CoverBody)]
    [InlineData("[RFC PATCH v2 0/5] foo", false, CoverBody)]
    [InlineData("[PATCH 00/27] foo with a range-diff", false, Diff)]
    [InlineData("[PATCH v2] Documentation: kernel-parameters: alphabetize and misc. fixes", false, CoverBody)]
    [InlineData("cleanup swiotlb initialization v8", false, CoverBody)]
    [InlineData("simplify the mdev interface v2", false, " 1 file changed, 1 insertion(+)\n")]
    [InlineData("simplify the mdev interface v2", false, "Diffstat:\n a | 1 +\n 1 file changed, 1 insertion(+)")]
    [InlineData("simplify the mdev interface v2", false, " 1 file changed")]
    public void Covers_are_index_zero_or_head_their_patches_without_a_diff(string subject, bool isReply, string body)
    {
        Assert.Equal(MessageKind.Cover, MessageClassifier.Classify(subject, isReply, body));
    }

    [Theory]
    [InlineData("Re: [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks", true, QuotedDiff)]
    [InlineData("Re: [PATCH v7 17/22] vfio-pci/zdev: add open/close device hooks", true, Diff)]
    [InlineData("RE: [PATCH 3/5] iommu: Introduce the domain op enforce_cache_coherency()", false, "")]
    [InlineData("Re: [PATCH 00/32] KVM: s390: enable zPCI for interpretive execution", true, CoverBody)]
    [InlineData("Re: Re: AW: [PATCH] foo", true, "")]
    [InlineData("Re: [GIT PULL] s390 updates for 5.18-rc3", true, PullBody)]
    [InlineData("Re: [dm-devel] [PATCH 03/27] target: fix discard alignment on partitions", true, "")]
    [InlineData("Re: cleanup swiotlb initialization v8", true, CoverBody)]
    [InlineData("re: ctcm: rename READ/WRITE defines to avoid redefinitions", false, "")]
    [InlineData("[PATCH v2] foo", true, QuotedDiff)]
    [InlineData("[PATCH v2] foo", true, "Thanks, applied.\n")]
    [InlineData("s390: question about a patch", true, QuotedDiff)]
    [InlineData("[Bug 216073] New: [s390x] kernel BUG at mm/usercopy.c:101!", true, "")]
    [InlineData("s390: stat in a reply", true, " 1 file changed, 1 insertion(+)\n")]
    public void Replies_have_a_reply_prefix_or_answer_a_message_without_patch_or_cover_of_their_own(string subject, bool isReply, string body)
    {
        Assert.Equal(MessageKind.Reply, MessageClassifier.Classify(subject, isReply, body));
    }

    [Theory]
    [InlineData("[GIT PULL] KVM: s390: changes for 5.19", false, PullBody)]
    [InlineData("[GIT PULL] KVM: s390: changes for 5.19", false, "")]
    [InlineData("[GIT PULL 00/42] KVM: s390: PCI passthrough for 5.20", false, PullBody)]
    [InlineData("[GIT PULL 03/42] s390/sclp: detect the AENI facility", true, Diff)]
    [InlineData("[GIT PULL 1/1] KVM: s390: pci: Hook to access KVM lowlevel from VFIO", true, Diff)]
    [InlineData("s390 fixes", false, PullBody)]
    [InlineData("s390 fixes with the diff appended", false, PullBody + Diff)]
    [InlineData("[pull request][net-next 00/15] mlx5 updates 2022-05-02", false, PullBody)]
    public void Pull_requests_are_git_pull_tags_or_request_pull_bodies(string subject, bool isReply, string body)
    {
        Assert.Equal(MessageKind.Pull, MessageClassifier.Classify(subject, isReply, body));
    }

    [Theory]
    [InlineData("Greetings!", "Hello, I have a business proposal.\n")]
    [InlineData("", "")]
    [InlineData("s390-iommu.c default domain conversion", "Niklas, do you have a plan for the s390 IOMMU?\n")]
    [InlineData("s390 fixes", "> The following changes since commit 3d7fd2fe7b2d:\n")]
    [InlineData("s390 fixes", "  The following changes since commit 3d7fd2fe7b2d:\n")]
    [InlineData("s390: stat", "> 1 file changed, 1 insertion(+)\n")]
    [InlineData("s390: stat", " 1 files changed hands\n")]
    [InlineData("s390: stat", "changed\n")]
    [InlineData("s390: stat", " changed, nothing else\n")]
    [InlineData("s390: stat", "Some text on the line before 1 files changed, 2 insertions(+)\n")]
    [InlineData("s390: stat", " 12345678901234567 files changed, 2 insertions(+)\n")]
    public void Everything_else_is_other(string subject, string body)
    {
        Assert.Equal(MessageKind.Other, MessageClassifier.Classify(subject, false, body));
    }

    [Theory]
    [InlineData("[PATCH 0/3] s390: series whose cover pastes request-pull output", MessageKind.Cover)]
    [InlineData("[PATCH] s390: cover pasting request-pull output", MessageKind.Cover)]
    [InlineData("[PATCH 1/3] s390: foo", MessageKind.Patch)]
    public void A_patch_tag_outranks_request_pull_text_in_the_body(string subject, MessageKind kind)
    {
        Assert.Equal(kind, MessageClassifier.Classify(subject, false, PullBody));
    }

    [Fact]
    public void Numbered_patch_without_a_diff_in_its_text_is_a_patch_whose_diff_is_attached()
    {
        Assert.Equal(MessageKind.Patch, MessageClassifier.Classify("[PATCH 3/5] s390/dasd: foo", true, "See the attached patch.\n"));
    }

    [Theory]
    [InlineData("diff --git a/x b/x\n", true)]
    [InlineData("text\ndiff --git a/x b/x\n", true)]
    [InlineData("text\r\ndiff --git a/x b/x\r\n", true)]
    [InlineData("--- a/x\n+++ b/x\n@@ -1 +1 @@\n", true)]
    [InlineData("Index: linux/x.c\n===\n--- linux.orig/x.c\n+++ linux/x.c\n@@ -1 +1 @@\n", true)]
    [InlineData("--- a/x\r\n+++ b/x\r\n@@ -1 +1 @@\r\n", true)]
    [InlineData("+++ first line\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n", true)]
    [InlineData("> diff --git a/x b/x\n", false)]
    [InlineData(" diff --git a/x b/x\n", false)]
    [InlineData("see the diff --git a/x b/x output\n", false)]
    [InlineData("diff --gitx\n", false)]
    [InlineData("> --- a/x\n> +++ b/x\n> @@ -1 +1 @@\n", false)]
    [InlineData("--- a/x\n+++ b/x\n", false)]
    [InlineData("+++ b/x\n@@ -1 +1 @@\n", false)]
    [InlineData("--- a/x\ntext\n+++ b/x\n@@ -1 +1 @@\n", false)]
    [InlineData("---\n+++ \n", false)]
    [InlineData("+++ ", false)]
    [InlineData("", false)]
    public void Own_diff_is_an_unquoted_diff_header_at_a_line_start(string body, bool expected)
    {
        Assert.Equal(expected, MessageClassifier.HasOwnDiff(body));
    }

    [Fact]
    public void Own_diff_is_found_after_many_quoted_ones()
    {
        var body = string.Concat(Enumerable.Repeat("> diff --git a/x b/x\n> --- a/x\n> +++ b/x\n> @@ -1 +1 @@\n", 2000)) + Diff;

        Assert.True(MessageClassifier.HasOwnDiff(body));
        Assert.False(MessageClassifier.HasOwnDiff(body.AsSpan(0, body.Length - Diff.Length)));
    }

    [Fact]
    public void Parsed_message_counts_as_answering_when_it_has_in_reply_to()
    {
        var message = Message("[PATCH v2] foo", "Thanks, applied.\n", inReplyTo: ["a@b"]);

        Assert.Equal(MessageKind.Reply, MessageClassifier.Classify(message));
        Assert.Equal(MessageKind.Cover, MessageClassifier.Classify(message with { InReplyTo = [] }));
        Assert.Equal(MessageKind.Cover, MessageClassifier.Classify(message with { InReplyTo = [], References = ["a@b"] }));
    }

    [Theory]
    [InlineData(MessageKind.Patch, "patch")]
    [InlineData(MessageKind.Cover, "cover")]
    [InlineData(MessageKind.Reply, "reply")]
    [InlineData(MessageKind.Pull, "pull")]
    [InlineData(MessageKind.Other, "other")]
    public void Api_names_are_the_promised_words(MessageKind kind, string name)
    {
        Assert.Equal(name, kind.ToApiName());
    }

    private static ParsedMessage Message(string subject, string body, IReadOnlyList<string> inReplyTo) => new()
    {
        MessageId = "m@x",
        MessageIdGenerated = false,
        From = new Person("Jane Doe", "jane@example.org"),
        To = [],
        Cc = [],
        Subject = subject,
        Date = null,
        DateHeader = null,
        InReplyTo = inReplyTo,
        References = [],
        ListId = null,
        BodyText = body,
        IsFlowed = false,
        DelSp = false,
        ContentHash = [],
    };
}
