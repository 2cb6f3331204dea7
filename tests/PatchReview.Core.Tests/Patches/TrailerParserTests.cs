using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using Xunit;

namespace PatchReview.Core.Tests.Patches;

public sealed class TrailerParserTests
{
    [Fact]
    public void Patch_trailers_are_the_last_paragraph_above_the_divider_with_their_line_numbers()
    {
        const string body = """
            Detect the zPCI Load/Store Interpretation facility.

            Reviewed-by: Eric Farman <farman@linux.ibm.com>
            Reviewed-by: Christian Borntraeger <borntraeger@linux.ibm.com>
            Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>
            ---
             arch/s390/include/asm/sclp.h   | 1 +
             1 file changed, 1 insertion(+)

            Reviewed-by: Not A Trailer <below@the.divider>
            """;

        var trailers = TrailerParser.ParsePatch(body);

        Assert.Equal(
            [
                new Trailer("Reviewed-by", "Eric Farman <farman@linux.ibm.com>", "Eric Farman", "farman@linux.ibm.com", 3),
                new Trailer("Reviewed-by", "Christian Borntraeger <borntraeger@linux.ibm.com>", "Christian Borntraeger", "borntraeger@linux.ibm.com", 4),
                new Trailer("Signed-off-by", "Matthew Rosato <mjrosato@linux.ibm.com>", "Matthew Rosato", "mjrosato@linux.ibm.com", 5),
            ],
            trailers);
    }

    [Theory]
    [InlineData("reviewed-by", "Reviewed-by")]
    [InlineData("Reviewed-By", "Reviewed-by")]
    [InlineData("REVIEWED-BY", "Reviewed-by")]
    [InlineData("signed-off-by", "Signed-off-by")]
    [InlineData("acked-by", "Acked-by")]
    [InlineData("Tested-By", "Tested-by")]
    [InlineData("reported-by", "Reported-by")]
    [InlineData("Suggested-By", "Suggested-by")]
    [InlineData("co-developed-by", "Co-developed-by")]
    [InlineData("CC", "Cc")]
    [InlineData("message-id", "Message-Id")]
    [InlineData("Message-ID", "Message-Id")]
    [InlineData("LINK", "Link")]
    [InlineData("closes", "Closes")]
    [InlineData("Not-Acked-by", "Not-acked-by")]
    [InlineData("Co-Authored-By", "Co-authored-by")]
    [InlineData("Change-Id", "Change-Id")]
    [InlineData("X-Custom-Thing", "X-Custom-Thing")]
    public void Patch_trailer_keys_take_their_canonical_spelling(string written, string canonical)
    {
        var trailer = Assert.Single(TrailerParser.ParsePatch($"Text.\n\n{written}: Some Value <some@example.org>\n"));

        Assert.Equal(canonical, trailer.Type);
        Assert.Equal("Some Value <some@example.org>", trailer.Value);
    }

    [Fact]
    public void Only_the_last_paragraph_holds_patch_trailers()
    {
        const string body = "Reported-by: Early Bird <early@example.org>\n\nThe fix.\n\nLink: https://example.org/x\n\nSigned-off-by: A Author <a@example.org>\n";

        var trailer = Assert.Single(TrailerParser.ParsePatch(body));

        Assert.Equal(new Trailer("Signed-off-by", "A Author <a@example.org>", "A Author", "a@example.org", 7), trailer);
    }

    [Fact]
    public void A_paragraph_of_prose_with_a_sign_off_is_a_trailer_block_while_trailers_are_a_quarter_of_it()
    {
        const string threeToOne = "Title text.\n\nprose one\nprose two\nprose three\nSigned-off-by: A Author <a@example.org>\n";
        const string fourToOne = "Title text.\n\nprose one\nprose two\nprose three\nprose four\nSigned-off-by: A Author <a@example.org>\n";

        var trailer = Assert.Single(TrailerParser.ParsePatch(threeToOne));
        Assert.Equal(("Signed-off-by", 6), (trailer.Type, trailer.Line));
        Assert.Empty(TrailerParser.ParsePatch(fourToOne));
    }

    [Fact]
    public void Without_a_sign_off_every_line_of_the_last_paragraph_must_be_a_trailer()
    {
        Assert.Empty(TrailerParser.ParsePatch("Intro.\n\nThis explains things.\nReviewed-by: A Reviewer <r@example.org>\n"));

        var trailers = TrailerParser.ParsePatch("Intro.\n\nReviewed-by: A Reviewer <r@example.org>\nTested-by: T Tester <t@example.org>\n");
        Assert.Equal(["Reviewed-by", "Tested-by"], trailers.Select(t => t.Type));
    }

    [Fact]
    public void Sign_off_is_recognised_only_as_git_writes_it()
    {
        // git's own prefix is "Signed-off-by: " exactly; a lower-case one is an ordinary trailer and needs a block of trailers.
        Assert.Empty(TrailerParser.ParsePatch("Intro.\n\nprose\nsigned-off-by: A Author <a@example.org>\n"));
        Assert.Single(TrailerParser.ParsePatch("Intro.\n\nprose\nSigned-off-by: A Author <a@example.org>\n"));
    }

    [Fact]
    public void Continuation_lines_are_joined_with_one_space()
    {
        const string body = "Intro.\n\nReported-by: Some Very Long Name\n   <long@example.org>\nSigned-off-by: A Author <a@example.org>\n";

        var trailers = TrailerParser.ParsePatch(body);

        Assert.Equal(new Trailer("Reported-by", "Some Very Long Name <long@example.org>", "Some Very Long Name", "long@example.org", 3), trailers[0]);
        Assert.Equal(5, trailers[1].Line);
    }

    [Fact]
    public void Fixes_keeps_its_value_and_names_no_person()
    {
        var trailers = TrailerParser.ParsePatch("Intro.\n\nFixes: 12abcdef0123 (\"s390/pci: fix a thing\")\nSigned-off-by: A Author <a@example.org>\n");

        Assert.Equal(new Trailer("Fixes", "12abcdef0123 (\"s390/pci: fix a thing\")", null, null, 3), trailers[0]);
    }

    [Fact]
    public void Link_closes_and_message_id_name_no_person()
    {
        const string body = """
            Intro.

            Link: https://lore.kernel.org/r/20220513191509.272897-2-mjrosato@linux.ibm.com
            Closes: https://bugzilla.kernel.org/show_bug.cgi?id=1
            Message-Id: <20220513191509.272897-2-mjrosato@linux.ibm.com>
            Signed-off-by: A Author <a@example.org>
            """;

        var trailers = TrailerParser.ParsePatch(body);

        Assert.Equal(["Link", "Closes", "Message-Id", "Signed-off-by"], trailers.Select(t => t.Type));
        Assert.All(trailers.Take(3), t => Assert.Null(t.Name));
        Assert.All(trailers.Take(3), t => Assert.Null(t.Email));
        Assert.Equal("<20220513191509.272897-2-mjrosato@linux.ibm.com>", trailers[2].Value);
    }

    [Fact]
    public void A_bare_url_or_a_bracketed_note_in_the_block_is_no_trailer_but_does_not_break_the_block()
    {
        const string body = """
            Intro.

            Signed-off-by: A Author <a@example.org>
            https://lore.kernel.org/r/some-thread
            [mjrosato: fixed a typo]
            (cherry picked from commit 0123456789abcdef0123456789abcdef01234567)
            Signed-off-by: M Maintainer <m@example.org>
            """;

        var trailers = TrailerParser.ParsePatch(body);

        Assert.Equal([("Signed-off-by", 3), ("Signed-off-by", 7)], trailers.Select(t => (t.Type, t.Line)));
    }

    [Fact]
    public void Any_token_word_line_is_a_trailer_as_git_sees_it()
    {
        var trailers = TrailerParser.ParsePatch("Intro.\n\nChange-Id: I0123abcd\nBug : 42\nSigned-off-by: A Author <a@example.org>\n");

        Assert.Equal([("Change-Id", "I0123abcd"), ("Bug", "42"), ("Signed-off-by", "A Author <a@example.org>")], trailers.Select(t => (t.Type, t.Value)));
    }

    [Fact]
    public void Empty_values_are_dropped()
    {
        var trailer = Assert.Single(TrailerParser.ParsePatch("Intro.\n\nCc:\nSigned-off-by: A Author <a@example.org>\n"));

        Assert.Equal("Signed-off-by", trailer.Type);
    }

    [Theory]
    [InlineData("Intro.\n\nSigned-off-by: A <a@example.org>\ndiff --git a/x b/x\n")]
    [InlineData("Intro.\n\nSigned-off-by: A <a@example.org>\nIndex: x.c\n")]
    [InlineData("Intro.\n\nSigned-off-by: A <a@example.org>\n---\n")]
    [InlineData("Intro.\n\nSigned-off-by: A <a@example.org>\n--- \n")]
    [InlineData("Intro.\n\nSigned-off-by: A <a@example.org>\n\n\n---\nv2: notes\n")]
    [InlineData("Intro.\r\n\r\nSigned-off-by: A <a@example.org>\r\n---\r\n")]
    [InlineData("Signed-off-by: A <a@example.org>")]
    public void The_message_ends_where_git_am_ends_it(string body)
    {
        var trailer = Assert.Single(TrailerParser.ParsePatch(body));

        Assert.Equal(("Signed-off-by", "A <a@example.org>", "a@example.org"), (trailer.Type, trailer.Value, trailer.Email));
    }

    [Fact]
    public void Four_dashes_are_no_divider()
    {
        var trailers = TrailerParser.ParsePatch("Intro.\n\nSigned-off-by: A <a@example.org>\n----\nSigned-off-by: B <b@example.org>\n");

        Assert.Equal([("a@example.org", 3), ("b@example.org", 5)], trailers.Select(t => (t.Email, t.Line)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("Just a description.\n")]
    [InlineData("---\nSigned-off-by: A <a@example.org>\n")]
    public void A_body_without_a_trailer_block_has_no_trailers(string body)
        => Assert.Empty(TrailerParser.ParsePatch(body));

    [Theory]
    [InlineData("Jason Gunthorpe <jgg@nvidia.com>", "Jason Gunthorpe", "jgg@nvidia.com")]
    [InlineData("jgg@nvidia.com", null, "jgg@nvidia.com")]
    [InlineData("<jgg@nvidia.com>", null, "jgg@nvidia.com")]
    [InlineData("Christian Borntraeger (IBM) <borntraeger@de.ibm.com>", "Christian Borntraeger", "borntraeger@de.ibm.com")]
    [InlineData("Russell King (Oracle) <rmk+kernel@armlinux.org.uk>", "Russell King", "rmk+kernel@armlinux.org.uk")]
    [InlineData("\"Huang, Ying\" <ying.huang@intel.com>", "Huang, Ying", "ying.huang@intel.com")]
    [InlineData("jgg@nvidia.com (Jason Gunthorpe)", "Jason Gunthorpe", "jgg@nvidia.com")]
    [InlineData("stable@vger.kernel.org # 5.10+", null, "stable@vger.kernel.org")]
    [InlineData("<stable@vger.kernel.org> # v5.15", null, "stable@vger.kernel.org")]
    [InlineData("Oleksandr Tyshchenko <oleksandr_tyshchenko@epam.com> # Arm64", "Oleksandr Tyshchenko", "oleksandr_tyshchenko@epam.com")]
    [InlineData("Mark Rutland <mark.rutland@arm.com> [arm64]", "Mark Rutland", "mark.rutland@arm.com")]
    [InlineData("Janosch Frank <frankja@linux.ibm.com", "Janosch Frank", "frankja@linux.ibm.com")]
    [InlineData("Jürgen Groß <jgross@suse.com>", "Jürgen Groß", "jgross@suse.com")]
    [InlineData("=?utf-8?q?J=C3=BCrgen?= <jgross@suse.com>", "=?utf-8?q?J=C3=BCrgen?=", "jgross@suse.com")]
    [InlineData("Jason Gunthorpe", "Jason Gunthorpe", null)]
    [InlineData("https://lore.kernel.org/lkml/62b675ec.wKX6AOZ6cbE71vtF%25lkp@intel.com/", null, null)]
    public void Person_values_give_name_and_address(string value, string? name, string? email)
    {
        var trailer = Assert.Single(TrailerParser.ParsePatch($"Intro.\n\nReviewed-by: {value}\n"));

        Assert.Equal((value, name, email), (trailer.Value, trailer.Name, trailer.Email));
    }

    [Fact]
    public void Cc_names_a_person_in_a_patch()
    {
        var trailer = Assert.Single(TrailerParser.ParsePatch("Intro.\n\nCc: Heiko Carstens <hca@linux.ibm.com>\n"));

        Assert.Equal(("Cc", "Heiko Carstens", "hca@linux.ibm.com"), (trailer.Type, trailer.Name, trailer.Email));
    }

    [Fact]
    public void Reply_trailers_come_from_unquoted_lines_only()
    {
        const string body = """
            On 13/05/2022 21.14, Matthew Rosato wrote:
            > A subsequent patch will use this new parameter for zPCI interpretation.
            >
            > Reviewed-by: Pierre Morel <pmorel@linux.ibm.com>
            >> Acked-by: Cornelia Huck <cohuck@redhat.com>
            > > Tested-by: Someone <someone@example.org>
            >Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>
            > ---

            Reviewed-by: Thomas Huth <thuth@redhat.com>
            """;

        var trailer = Assert.Single(TrailerParser.ParseReply(body));

        Assert.Equal(new Trailer("Reviewed-by", "Thomas Huth <thuth@redhat.com>", "Thomas Huth", "thuth@redhat.com", 10), trailer);
    }

    [Fact]
    public void Reply_trailers_may_stand_anywhere_and_keep_their_order()
    {
        const string body = """
            On Mon, May 09, 2022 at 07:58:36PM +0800, Guangguan Wang wrote:
            > Non blocking sendmsg will return -EAGAIN

            Fixes tag is preferred:

            Fixes: 846e344eb722 ("net/smc: add receive timeout check")

            > Signed-off-by: Guangguan Wang <guangguan.wang@linux.alibaba.com>

            reviewed-By: Tony Lu <tonylu@linux.alibaba.com>
            Tested-by: Tony Lu <tonylu@linux.alibaba.com> # on s390
            Link: https://lore.kernel.org/r/some-thread

            Thanks,
            Tony Lu
            """;

        var trailers = TrailerParser.ParseReply(body);

        Assert.Equal(
            [
                new Trailer("Fixes", "846e344eb722 (\"net/smc: add receive timeout check\")", null, null, 6),
                new Trailer("Reviewed-by", "Tony Lu <tonylu@linux.alibaba.com>", "Tony Lu", "tonylu@linux.alibaba.com", 10),
                new Trailer("Tested-by", "Tony Lu <tonylu@linux.alibaba.com> # on s390", "Tony Lu", "tonylu@linux.alibaba.com", 11),
                new Trailer("Link", "https://lore.kernel.org/r/some-thread", null, null, 12),
            ],
            trailers);
    }

    [Theory]
    [InlineData("From: Jason Gunthorpe <jgg@nvidia.com>")]
    [InlineData("To: Matthew Rosato <mjrosato@linux.ibm.com>")]
    [InlineData("Cc: Heiko Carstens <hca@linux.ibm.com>")]
    [InlineData("CC: stable@vger.kernel.org")]
    [InlineData("Subject: [PATCH v7 06/22] s390/airq: allow for airq structure")]
    [InlineData("Date: Fri, 13 May 2022 15:14:53 -0400")]
    [InlineData("Message-Id: <20220513191509.272897-7-mjrosato@linux.ibm.com>")]
    [InlineData("https://lore.kernel.org/kvm/20220404181726.60291-1-mjrosato@linux.ibm.com/")]
    [InlineData("Note: this is a respin of the earlier fix")]
    [InlineData("  Reviewed-by: Indented Reviewer <indented@example.org>")]
    [InlineData("\tAcked-by: Tabbed Acker <tabbed@example.org>")]
    [InlineData("Reviewed-by: tags are collected by b4")]
    [InlineData("Acked-by: Heiko Carstens")]
    [InlineData("Fixes: tag?")]
    [InlineData("Fixes: the thing from last week")]
    [InlineData("Fixes: 12345 (\"too short\")")]
    [InlineData("Link: see the thread")]
    [InlineData("Closes: bug 12")]
    [InlineData("Change-Id: I0123abcd")]
    [InlineData("ML: https://lore.kernel.org/linux-csky/")]
    [InlineData("url:    https://github.com/intel-lab-lkp/linux/commits/x")]
    [InlineData("Reviewed by: Spaced Key <spaced@example.org>")]
    public void Reply_lines_that_are_no_trailer_give_nothing(string line)
        => Assert.Empty(TrailerParser.ParseReply($"Some reply text.\n\n{line}\n\nThanks\n"));

    [Theory]
    [InlineData("Reviewed-by: A Reviewer <r@example.org>", "Reviewed-by")]
    [InlineData("Acked-by: A Reviewer <r@example.org>", "Acked-by")]
    [InlineData("Tested-by: A Reviewer <r@example.org>", "Tested-by")]
    [InlineData("Reported-by: kernel test robot <lkp@intel.com>", "Reported-by")]
    [InlineData("Suggested-by: A Reviewer <r@example.org>", "Suggested-by")]
    [InlineData("Co-developed-by: A Reviewer <r@example.org>", "Co-developed-by")]
    [InlineData("Signed-off-by: A Reviewer <r@example.org>", "Signed-off-by")]
    [InlineData("Reported-and-tested-by: A Reviewer <r@example.org>", "Reported-and-tested-by")]
    [InlineData("Not-Acked-by: Alexandra Winter <wintera@linux.ibm.com>", "Not-acked-by")]
    [InlineData("Build-tested-by: r@example.org", "Build-tested-by")]
    [InlineData("Fixes: 846e344eb722", "Fixes")]
    [InlineData("Fixes: 846e344eb722d6f0a1bb1d3ee0c2c4c8d3b1cb6e (\"net/smc: add receive timeout check\")", "Fixes")]
    [InlineData("Link: https://lore.kernel.org/r/x", "Link")]
    [InlineData("Closes: https://bugzilla.kernel.org/show_bug.cgi?id=1", "Closes")]
    [InlineData("Reviewed-by:A Reviewer <r@example.org>", "Reviewed-by")]
    public void Reply_accepts_person_trailers_with_an_address_and_fixes_link_closes_with_their_shape(string line, string type)
    {
        var trailer = Assert.Single(TrailerParser.ParseReply($"Some reply text.\n\n{line}\n"));

        Assert.Equal((type, 3), (trailer.Type, trailer.Line));
    }

    [Fact]
    public void Nothing_below_the_signature_counts()
    {
        var trailers = TrailerParser.ParseReply("Looks good.\n\nReviewed-by: A <a@example.org>\n-- \nAcked-by: Sig <sig@example.org>\n");

        Assert.Equal(["a@example.org"], trailers.Select(t => t.Email));
    }

    [Fact]
    public void A_pasted_format_patch_mail_keeps_its_trailers_to_itself()
    {
        // The shape of David Hildenbrand's reply d875c292-46b3-f281-65ae-71d0b0c6f592@redhat.com on linux-s390.
        const string body =
            "The following seems to fly. @Andrew, let me know if you prefer a v3.\n"
            + "\n"
            + "From bafb5ba914e89ad20c46f4e841a36909e610b81e Mon Sep 17 00:00:00 2001\n"
            + "From: David Hildenbrand <david@redhat.com>\n"
            + "Date: Wed, 9 Mar 2022 09:47:29 +0100\n"
            + "Subject: [PATCH] x86/pgtable: support __HAVE_ARCH_PTE_SWP_EXCLUSIVE on x86_64\n"
            + "\n"
            + "Let's use bit 3 to remember PG_anon_exclusive in swap ptes.\n"
            + "\n"
            + "Signed-off-by: David Hildenbrand <david@redhat.com>\n"
            + "---\n"
            + " arch/x86/include/asm/pgtable.h | 17 +++++++++++++++++\n"
            + "-- \n"
            + "2.35.1\n"
            + "\n"
            + "Acked-by: After Paste <after@example.org>\n";

        var trailer = Assert.Single(TrailerParser.ParseReply(body));

        Assert.Equal(("Acked-by", 16), (trailer.Type, trailer.Line));
    }

    [Fact]
    public void A_pasted_header_block_without_the_from_line_is_a_pasted_message_too()
    {
        const string body = "Try this:\n\nFrom: A Author <a@example.org>\nSubject: [PATCH] fix\n\nSigned-off-by: A Author <a@example.org>\n---\n";

        Assert.Empty(TrailerParser.ParseReply(body));
    }

    [Fact]
    public void A_single_outlook_attribution_line_does_not_hide_the_reply()
    {
        // Michael Kelley's replies on linux-s390 open with the attribution on one line, then quote.
        const string body = """
            From: Christoph Hellwig <hch@lst.de> Sent: Sunday, April 3, 2022 10:06 PM
            >
            > Signed-off-by: Christoph Hellwig <hch@lst.de>

            Reviewed-by: Michael Kelley <mikelley@microsoft.com>
            """;

        var trailer = Assert.Single(TrailerParser.ParseReply(body));

        Assert.Equal(("Reviewed-by", "mikelley@microsoft.com", 5), (trailer.Type, trailer.Email, trailer.Line));
    }

    [Theory]
    [InlineData("-----Original Message-----\nFrom: A <a@example.org>\nSent: Monday\n\nReviewed-by: Original <o@example.org>\n")]
    [InlineData("-------- Forwarded Message --------\nReviewed-by: Original <o@example.org>\n")]
    [InlineData("________________________________\nFrom: A <a@example.org>\nReviewed-by: Original <o@example.org>\n")]
    [InlineData("From: A <a@example.org>\nSent: Monday, May 16, 2022 10:00 AM\nTo: B <b@example.org>\n\nReviewed-by: Original <o@example.org>\n")]
    public void The_unquoted_original_below_an_outlook_separator_is_not_the_reply(string original)
    {
        var trailers = TrailerParser.ParseReply("Acked-by: Top Poster <top@example.org>\n\n" + original);

        Assert.Equal(["top@example.org"], trailers.Select(t => t.Email));
    }

    [Fact]
    public void Reply_line_numbers_count_crlf_and_blank_lines()
    {
        var trailer = Assert.Single(TrailerParser.ParseReply("\r\n\r\nOn x wrote:\r\n> q\r\n\r\nReviewed-by: A <a@example.org>\r\n"));

        Assert.Equal((6, "A <a@example.org>"), (trailer.Line, trailer.Value));
    }

    [Fact]
    public void Same_address_matches_the_sender_by_email_ignoring_case()
    {
        var trailer = new Trailer("Reviewed-by", "Thomas Huth <THUTH@redhat.com>", "Thomas Huth", "THUTH@redhat.com", 1);

        Assert.Equal(SenderMatch.Email, TrailerParser.MatchSender(trailer, new Person("Someone Else", "thuth@redhat.com")));
    }

    [Theory]
    [InlineData("Christian Borntraeger", "christian  borntraeger")]
    [InlineData("Zoë Müller", "Zoe Muller")]
    [InlineData("Zoe\u0308 Mu\u0308ller", "ZOË MÜLLER")]
    [InlineData("Jürgen Groß", "Juergen Gross")]
    [InlineData("Rafael J. Wysocki", "Rafael J Wysocki")]
    [InlineData("Kevin Tian", "Tian, Kevin")]
    [InlineData("Russell King", "Russell King (Oracle)")]
    [InlineData("\"Huang, Ying\"", "Ying Huang")]
    public void Same_name_matches_the_sender_when_the_address_differs(string trailerName, string senderName)
    {
        var trailer = new Trailer("Reviewed-by", $"{trailerName} <signed@example.org>", trailerName, "signed@example.org", 1);

        Assert.Equal(SenderMatch.Name, TrailerParser.MatchSender(trailer, new Person(senderName, "sender@example.org")));
    }

    [Fact]
    public void A_different_person_is_flagged_as_no_match()
    {
        var trailer = new Trailer("Acked-by", "Borislav Petkov <bp@suse.de>", "Borislav Petkov", "bp@suse.de", 1);

        Assert.Equal(SenderMatch.None, TrailerParser.MatchSender(trailer, new Person("Boris Petkov", "bp@alien8.de")));
        Assert.Equal(SenderMatch.None, TrailerParser.MatchSender(trailer, new Person("", "")));
        Assert.Equal(SenderMatch.None, TrailerParser.MatchSender(new Trailer("Fixes", "846e344eb722", null, null, 1), new Person("Tony Lu", "tonylu@linux.alibaba.com")));
    }

    [Fact]
    public void A_name_only_trailer_matches_by_name()
    {
        var trailer = Assert.Single(TrailerParser.ParsePatch("Intro.\n\nSuggested-by: Jason Gunthorpe\n"));

        Assert.Equal(SenderMatch.Name, TrailerParser.MatchSender(trailer, new Person("Jason Gunthorpe", "jgg@ziepe.ca")));
    }
}
