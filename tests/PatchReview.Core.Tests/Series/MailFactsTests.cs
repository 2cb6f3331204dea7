using System.Text;
using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using PatchReview.Core.Series;
using Xunit;

namespace PatchReview.Core.Tests.Series;

public sealed class MailFactsTests
{
    static ParsedMessage Parse(string subject, string body, string? inReplyTo = null)
    {
        var headers = new StringBuilder()
            .Append("From: Claudio Imbrenda <imbrenda@linux.ibm.com>\n")
            .Append("To: linux-s390@vger.kernel.org\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"Subject: {subject}\n")
            .Append("Date: Thu, 21 Jul 2022 18:13:02 +0200\n")
            .Append("Message-ID: <20220721161302.156182-4-imbrenda@linux.ibm.com>\n");
        if (inReplyTo is not null)
        {
            headers.Append(System.Globalization.CultureInfo.InvariantCulture, $"In-Reply-To: <{inReplyTo}>\nReferences: <{inReplyTo}>\n");
        }
        headers.Append("Content-Type: text/plain; charset=utf-8\n\n").Append(body);
        var result = MessageParser.Parse(new MailEnvelope("test", 0, null, Encoding.UTF8.GetBytes(headers.ToString())));
        Assert.Null(result.RejectReason);
        return result.Message!;
    }

    const string Diff = """
        diff --git a/drivers/s390/char/sclp_early.c b/drivers/s390/char/sclp_early.c
        index 1111111..2222222 100644
        --- a/drivers/s390/char/sclp_early.c
        +++ b/drivers/s390/char/sclp_early.c
        @@ -1,3 +1,4 @@
         static void sclp_early_facilities_detect(void)
         {
        +	sclp.has_aeni = !!(sccb->fac118 & 0x20);
         	sclp.has_aisi = !!(sccb->fac118 & 0x10);
        --
        2.31.1

        """;

    [Fact]
    public void A_patch_sent_for_someone_else_is_authored_by_its_in_body_from()
    {
        var facts = MailFacts.Of(Parse("[PATCH v9 03/21] s390/sclp: detect the AENI facility", $"""
            From: Matthew Rosato <mjrosato@linux.ibm.com>

            Detect the Adapter Event Notification Interpretation facility.

            Reviewed-by: Eric Farman <farman@linux.ibm.com>
            Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>
            ---
            v9: rebase only
            {Diff}
            """));

        Assert.Equal(SeriesRole.Patch, facts.Role);
        Assert.Equal(("s390/sclp: detect the AENI facility", 9, "9"), (facts.Title, facts.Version, facts.VersionText));
        Assert.Equal(new Person("Matthew Rosato", "mjrosato@linux.ibm.com"), facts.Author);
        // The commit message, without the in-body From: above it or the notes below the separator.
        Assert.Equal(TextSketch.Of("""
            Detect the Adapter Event Notification Interpretation facility.

            Reviewed-by: Eric Farman <farman@linux.ibm.com>
            Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>
            """), facts.TextSketch);
        Assert.Equal(["drivers/s390/char/sclp_early.c"], facts.Files);
        Assert.Equal((1, 0), (facts.LinesAdded, facts.LinesRemoved));
        Assert.NotNull(facts.PatchId);
        Assert.Single(facts.DiffSketch);
        Assert.Equal(["Reviewed-by", "Signed-off-by"], facts.Trailers.Select(t => t.Type));
        Assert.False(facts.IsBackport);
        Assert.False(facts.IsEmpty);
    }

    [Fact]
    public void A_cover_letter_is_sketched_by_its_text_and_keeps_what_it_says_about_earlier_versions()
    {
        var facts = MailFacts.Of(Parse("[PATCH v4 00/32] KVM: s390: enable zPCI for interpretive execution", """
            Enable interpretive execution of zPCI instructions.

            Changelog v3->v4:
            v3: https://lore.kernel.org/kvm/20220204211536.321475-1-mjrosato@linux.ibm.com/
            """));

        Assert.Equal(SeriesRole.Cover, facts.Role);
        Assert.Equal((4, 0, 32), (facts.Version, facts.Subject?.Index, facts.Subject?.Total));
        Assert.Equal(TextSketch.Of("""
            Enable interpretive execution of zPCI instructions.

            Changelog v3->v4:
            v3: https://lore.kernel.org/kvm/20220204211536.321475-1-mjrosato@linux.ibm.com/
            """), facts.TextSketch);
        Assert.Equal(["20220204211536.321475-1-mjrosato@linux.ibm.com"], facts.References.LabelledIds);
        Assert.Empty(facts.Files);
        Assert.Null(facts.PatchId);
    }

    [Fact]
    public void An_untagged_cover_names_its_version_at_the_end_of_the_subject()
    {
        var facts = MailFacts.Of(Parse("use block_device based APIs in block layer consumers v2", """
            This series cleans up the block layer consumers.

            Changes since v1:
             - fix a bisection hazard

             48 files changed, 252 insertions(+), 827 deletions(-)
            """));

        Assert.Equal(SeriesRole.Cover, facts.Role);
        Assert.Null(facts.Subject);
        Assert.Equal(("use block_device based APIs in block layer consumers", 2, "2"), (facts.Title, facts.Version, facts.VersionText));
        Assert.Equal("use block_device based apis in block layer consumers", facts.NormalizedTitle);
    }

    [Fact]
    public void A_point_version_keeps_its_text_and_its_whole_number()
    {
        var facts = MailFacts.Of(Parse("[PATCH v5.1 3/8] mm: revised patch", $"A revised patch.\n\nSigned-off-by: A <a@x.org>\n---\n{Diff}",
            inReplyTo: "review@x.org"));

        Assert.Equal((SeriesRole.Patch, 5, "5.1"), (facts.Role, facts.Version, facts.VersionText));
    }

    [Fact]
    public void A_patch_carried_in_a_pull_request_is_a_pull_patch_and_the_request_itself_a_pull()
    {
        var carried = MailFacts.Of(Parse("[GIT PULL 03/42] s390/sclp: detect the AENI facility",
            $"From: Matthew Rosato <mjrosato@linux.ibm.com>\n\nDetect it.\n\nLink: https://lore.kernel.org/r/20220606203325.110625-4-mjrosato@linux.ibm.com\n---\n{Diff}",
            inReplyTo: "20220721161302.156182-1-imbrenda@linux.ibm.com"));
        var pull = MailFacts.Of(Parse("[GIT PULL 00/42] KVM: s390: pull request for 5.20", "The following changes since commit abc:\n"));

        Assert.Equal((SeriesRole.PullPatch, "mjrosato@linux.ibm.com"), (carried.Role, carried.Author.Email));
        Assert.Equal(["20220606203325.110625-4-mjrosato@linux.ibm.com"], carried.References.LinkedIds);
        Assert.Equal(SeriesRole.Pull, pull.Role);
    }

    [Fact]
    public void A_reply_has_no_role_and_keeps_only_its_trailers()
    {
        var review = MailFacts.Of(Parse("Re: [PATCH] s390: fix", "> quoted\n\nLooks good.\n\nReviewed-by: Eric Farman <farman@linux.ibm.com>\n",
            inReplyTo: "patch@x.org"));
        var chat = MailFacts.Of(Parse("Re: [PATCH] s390: fix", "> quoted\n\nThanks, applied.\n", inReplyTo: "patch@x.org"));

        Assert.Null(review.Role);
        Assert.Equal(["Reviewed-by"], review.Trailers.Select(t => t.Type));
        Assert.False(review.IsEmpty);
        Assert.True(chat.IsEmpty);
    }

    [Theory]
    [InlineData("[PATCH AUTOSEL 5.17 032/149] net/smc: Send directly when TCP_CORK is cleared", true)]
    [InlineData("[PATCH 5.10 113/129] perf symbol: Remove arch__symbols__fixup_end()", true)]
    [InlineData("[PATCH for v5.15] perf symbol: Remove arch__symbols__fixup_end()", true)]
    [InlineData("[PATCH for 5.10] perf symbol: Remove arch__symbols__fixup_end()", true)]
    [InlineData("[PATCH 5.15.y] s390: fix", true)]
    [InlineData("[PATCH v2 net] net/smc: postpone sk_refcnt increment in connect()", false)]
    [InlineData("[PATCH net-next v2 0/2] net/smc: two fixes", false)]
    [InlineData("[PATCH v5.1 3/8] mm: revised patch", false)]
    [InlineData("[kvm-unit-tests PATCH v3 0/4] More skey instr. emulation test", false)]
    [InlineData("[PATCH 34.5/36] cpuidle,omap4: Push RCU-idle into omap4_enter_lowpower()", false)]
    public void Stable_backports_are_told_by_their_tags(string subject, bool backport)
    {
        Assert.Equal(backport, MailFacts.IsStableBackport(PatchSubject.Parse(subject)));
    }
}
