using System.Text.RegularExpressions;
using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using PatchReview.Core.Tests.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Patches;

/// <summary>
/// Trailers of the zPCI series v7 and of replies on linux-s390, as read by hand from the lore exports in the corpus.
/// </summary>
public sealed partial class TrailersCorpusTests(ParsedCorpus archives)
{
    private const string Rosato = "Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>";
    private const string FarmanRb = "Reviewed-by: Eric Farman <farman@linux.ibm.com>";
    private const string BorntraegerRb = "Reviewed-by: Christian Borntraeger <borntraeger@linux.ibm.com>";
    private const string BorntraegerAb = "Acked-by: Christian Borntraeger <borntraeger@linux.ibm.com>";
    private const string ImbrendaRb = "Reviewed-by: Claudio Imbrenda <imbrenda@linux.ibm.com>";
    private const string MorelRb = "Reviewed-by: Pierre Morel <pmorel@linux.ibm.com>";
    private const string SchnelleRb = "Reviewed-by: Niklas Schnelle <schnelle@linux.ibm.com>";
    private const string HuckAb = "Acked-by: Cornelia Huck <cohuck@redhat.com>";

    // The last paragraph above "---" of each [PATCH v7 NN/22], copied from the mails.
    public static TheoryData<int, string[]> V7PatchTrailers => new()
    {
        { 1, [FarmanRb, BorntraegerRb, ImbrendaRb, Rosato] },
        { 2, [FarmanRb, BorntraegerRb, ImbrendaRb, Rosato] },
        { 3, [FarmanRb, BorntraegerRb, ImbrendaRb, Rosato] },
        { 4, [FarmanRb, BorntraegerRb, ImbrendaRb, Rosato] },
        { 5, [FarmanRb, ImbrendaRb, MorelRb, "Reviewed-by: Thomas Huth <thuth@redhat.com>", BorntraegerAb, HuckAb, Rosato] },
        { 6, [MorelRb, ImbrendaRb, HuckAb, Rosato] },
        { 7, [SchnelleRb, ImbrendaRb, MorelRb, Rosato] },
        { 8, [MorelRb, SchnelleRb, "Reviewed-by: Christian Borntraeger <borntraeger@de.ibm.com>", Rosato] },
        { 9, [SchnelleRb, MorelRb, BorntraegerRb, Rosato] },
        { 10, [Rosato] },
        { 11, [SchnelleRb, MorelRb, BorntraegerRb, Rosato] },
        { 12, [BorntraegerRb, Rosato] },
        { 13, [BorntraegerRb, MorelRb, Rosato] },
        { 14, [BorntraegerRb, MorelRb, Rosato] },
        { 15, [BorntraegerRb, "Acked-by: Niklas Schnelle <schnelle@linux.ibm.com>", Rosato] },
        { 16, [Rosato] },
        { 17, [Rosato] },
        { 18, [BorntraegerRb, MorelRb, Rosato] },
        { 19, [MorelRb, Rosato] },
        { 20, [Rosato] },
        { 21, [MorelRb, Rosato] },
        { 22, [BorntraegerAb, Rosato] },
    };

    [Theory]
    [MemberData(nameof(V7PatchTrailers))]
    public void Each_v7_patch_has_the_trailers_of_its_last_paragraph(int index, string[] expected)
    {
        var patch = Assert.Single(archives.Zpci, m => m.Subject.StartsWith($"[PATCH v7 {index:00}/22] ", StringComparison.Ordinal));

        var trailers = TrailerParser.ParsePatch(patch.BodyText);

        Assert.Equal(expected, trailers.Select(t => $"{t.Type}: {t.Name} <{t.Email}>"));
        Assert.Equal(expected, trailers.Select(t => $"{t.Type}: {t.Value}"));

        // The block is the paragraph right above the "---" line, one trailer a line.
        var lines = patch.BodyText.Split('\n');
        var divider = Array.IndexOf(lines, "---") + 1;
        Assert.Equal(Enumerable.Range(divider - trailers.Count, trailers.Count), trailers.Select(t => t.Line));

        // Matthew Rosato sent every patch: his sign-off matches him by address, nobody else's trailer does.
        Assert.Equal(
            trailers.Select(t => t.Type == "Signed-off-by" ? SenderMatch.Email : SenderMatch.None),
            trailers.Select(t => TrailerParser.MatchSender(t, patch.From)));
    }

    [Fact]
    public void The_v7_series_carries_67_patch_trailers_on_hand_counted_lines()
    {
        var patches = archives.Zpci.Where(m => V7Patch().IsMatch(m.Subject)).ToList();

        Assert.Equal(22, patches.Count);
        Assert.Equal(67, patches.Sum(p => TrailerParser.ParsePatch(p.BodyText).Count));

        // 01/22: one line of description, a blank line, then the block; 05/22 and 06/22 have longer descriptions.
        Assert.Equal([3, 4, 5, 6], Lines("[PATCH v7 01/22] "));
        Assert.Equal([6, 7, 8, 9, 10, 11, 12], Lines("[PATCH v7 05/22] "));
        Assert.Equal([11, 12, 13, 14], Lines("[PATCH v7 06/22] "));

        IEnumerable<int> Lines(string subject)
            => TrailerParser.ParsePatch(patches.Single(p => p.Subject.StartsWith(subject, StringComparison.Ordinal)).BodyText).Select(t => t.Line);
    }

    [Fact]
    public void Replies_to_the_v7_series_give_one_trailer_and_never_the_ones_they_quote()
    {
        var replies = archives.Zpci
            .Where(m => m.Subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase)
                && m.References.Any(r => r.StartsWith("20220513191509.272897-", StringComparison.Ordinal)))
            .ToList();

        // Thomas Huth on 06/22, 14/22 and 20/22, Jason Gunthorpe, Alex Williamson, Christoph Hellwig and Christian
        // Borntraeger on 10/22, 17/22 and 20/22, and Matthew Rosato's answers; nobody replied to the cover letter.
        Assert.Equal(
            [
                "7b13aca2-fb3e-3b84-8d3d-e94966fac5f2@redhat.com", "96d0a6a5-e50f-429e-9616-178ac1d9883a@redhat.com",
                "68a5e0c8-2dd9-a8a2-0333-fef95b2e2dfc@redhat.com", "0c6a4f7b-f43a-8f4c-49bb-db10ca010f1f@linux.ibm.com",
                "d48595a9-4f3a-c54e-859e-0cdef01d7687@linux.ibm.com", "20220516165953.GD1343366@nvidia.com",
                "20220516172734.GE1343366@nvidia.com", "7a31ec36-ceaf-dcef-8bd0-2b4732050aed@linux.ibm.com",
                "20220516183558.GN1343366@nvidia.com", "20220516133839.7e116489.alex.williamson@redhat.com",
                "305208c4-db8a-5751-2ffc-753751a70815@linux.ibm.com", "20220516230552.GO1343366@nvidia.com",
                "20220516231106.GQ1343366@nvidia.com", "YoM+3z6+9yMeLMJn@infradead.org",
                "20220517120110.GS1343366@nvidia.com", "a44b1bd2-db54-6c8a-d80f-e2cc645207b2@redhat.com",
            ],
            replies.Select(r => r.MessageId));

        var given = replies.SelectMany(r => TrailerParser.ParseReply(r.BodyText).Select(t => (r.MessageId, Trailer: t))).ToList();

        // Thomas Huth's review of 06/22 quotes the patch's own four trailers (lines 12-15) above his own.
        var (messageId, trailer) = Assert.Single(given);
        Assert.Equal("96d0a6a5-e50f-429e-9616-178ac1d9883a@redhat.com", messageId);
        Assert.Equal(new Trailer("Reviewed-by", "Thomas Huth <thuth@redhat.com>", "Thomas Huth", "thuth@redhat.com", 23), trailer);
        var review = replies.Single(r => r.MessageId == messageId);
        Assert.Equal(SenderMatch.Email, TrailerParser.MatchSender(trailer, review.From));
        Assert.Equal("> Reviewed-by: Pierre Morel <pmorel@linux.ibm.com>", review.BodyText.Split('\n')[11]);

        // Thomas Huth's other replies and the 20/22 sub-thread quote "Signed-off-by: Matthew Rosato" at one to three levels.
        foreach (var quoting in new[] { "7b13aca2-fb3e-3b84-8d3d-e94966fac5f2@redhat.com", "68a5e0c8-2dd9-a8a2-0333-fef95b2e2dfc@redhat.com",
                     "0c6a4f7b-f43a-8f4c-49bb-db10ca010f1f@linux.ibm.com", "d48595a9-4f3a-c54e-859e-0cdef01d7687@linux.ibm.com",
                     "a44b1bd2-db54-6c8a-d80f-e2cc645207b2@redhat.com" })
        {
            var body = replies.Single(r => r.MessageId == quoting).BodyText;
            Assert.Contains("> Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>\n", body, StringComparison.Ordinal);
            Assert.Empty(TrailerParser.ParseReply(body));
        }
    }

    [Fact]
    public void The_review_given_on_v7_reappears_among_the_v8_patch_trailers()
    {
        var v8 = Assert.Single(archives.Zpci, m => m.MessageId == "20220524185907.140285-7-mjrosato@linux.ibm.com");

        Assert.Equal(
            ["Reviewed-by: Thomas Huth <thuth@redhat.com>", MorelRb, ImbrendaRb, HuckAb, Rosato],
            TrailerParser.ParsePatch(v8.BodyText).Select(t => $"{t.Type}: {t.Value}"));
    }

    [Fact]
    public void A_review_signed_with_another_address_matches_its_sender_by_name()
    {
        // Christian Borntraeger writes from borntraeger@linux.ibm.com and signs with borntraeger@de.ibm.com.
        var reply = Assert.Single(archives.Zpci, m => m.MessageId == "3ed8f5ca-e508-e261-e71d-875f5762f2f9@linux.ibm.com");

        var trailer = Assert.Single(TrailerParser.ParseReply(reply.BodyText));

        Assert.Equal(new Trailer("Reviewed-by", "Christian Borntraeger <borntraeger@de.ibm.com>", "Christian Borntraeger", "borntraeger@de.ibm.com", 24), trailer);
        Assert.Equal(new Person("Christian Borntraeger", "borntraeger@linux.ibm.com"), reply.From);
        Assert.Equal(SenderMatch.Name, TrailerParser.MatchSender(trailer, reply.From));
    }

    public static TheoryData<string, string[]> HandCheckedReplies => new()
    {
        // Tony Lu asks for a Fixes tag and reviews, below and between quoted text; the quoted sign-off is line 17.
        { "YnnaskOKyCqN4o6i@TonyMac-Alibaba", ["15 Fixes: 846e344eb722 (\"net/smc: add receive timeout check\")", "19 Reviewed-by: Tony Lu <tonylu@linux.alibaba.com> Email"] },
        { "7a935730-f3a5-0b1f-2bdc-a629711a3a01@linux.ibm.com", ["42 Not-acked-by: Alexandra Winter <wintera@linux.ibm.com> Email"] },
        // The robot's report asks for the tag the fix should carry.
        { "202204130045.AeSigvk8-lkp@intel.com", ["27 Reported-by: kernel test robot <lkp@intel.com> Email"] },
        // Sent as "Russell King (Oracle)" <linux@armlinux.org.uk>, signed with another address.
        { "YpVEgWHzzH3ZtVzA@shell.armlinux.org.uk", ["81 Acked-by: Russell King (Oracle) <rmk+kernel@armlinux.org.uk> Name"] },
        // Sent as "Oleksandr" <olekstysh@gmail.com> for Oleksandr Tyshchenko <oleksandr_tyshchenko@epam.com>: flagged, kept.
        { "f7b43321-eb31-b8fb-0a65-0f5f04526be5@gmail.com", ["29 Reviewed-by: Oleksandr Tyshchenko <oleksandr_tyshchenko@epam.com> None", "40 Tested-by: Oleksandr Tyshchenko <oleksandr_tyshchenko@epam.com> None"] },
        // Andrew Morton: "And are we able to identify a target for a\nFixes: tag?"
        { "20220509210404.6a43aff15d0d6b3af0741001@linux-foundation.org", [] },
        // David Hildenbrand and Heiko Carstens paste a format-patch mail with its own Signed-off-by.
        { "d875c292-46b3-f281-65ae-71d0b0c6f592@redhat.com", [] },
        { "Yn1CyTcrZk1Kgvoq@osiris", [] },
        // Michael Kelley's Outlook attribution "From: Christoph Hellwig <hch@lst.de> Sent: Sunday, April 3, 2022 10:06 PM".
        { "PH0PR21MB3025EED7E82FCD8595D82540D7E59@PH0PR21MB3025.namprd21.prod.outlook.com", [] },
    };

    [Theory]
    [MemberData(nameof(HandCheckedReplies))]
    public void Hand_checked_linux_s390_replies_give_the_trailers_read_in_them(string messageId, string[] expected)
    {
        var reply = Assert.Single(archives.LinuxS390, m => m.MessageId == messageId);

        var trailers = TrailerParser.ParseReply(reply.BodyText);

        Assert.Equal(
            expected,
            trailers.Select(t => $"{t.Line} {t.Type}: {t.Value}" + (t.Type == "Fixes" ? "" : $" {TrailerParser.MatchSender(t, reply.From)}")));
    }

    [Fact]
    public void No_linux_s390_reply_trailer_comes_from_a_quoted_line_or_a_header_lookalike()
    {
        var replies = archives.LinuxS390.Where(m => ReplySubject().IsMatch(m.Subject)).ToList();
        var checkedTrailers = 0;
        var quotedLookalikes = 0;
        foreach (var reply in replies)
        {
            var lines = reply.BodyText.Split('\n');
            quotedLookalikes += lines.Count(l => QuotedTrailer().IsMatch(l));
            foreach (var trailer in TrailerParser.ParseReply(reply.BodyText))
            {
                checkedTrailers++;
                var line = lines[trailer.Line - 1].TrimEnd('\r');
                var where = $"{reply.MessageId} line {trailer.Line}: {line}";
                Assert.False(line.Length == 0 || line[0] == '>' || char.IsWhiteSpace(line[0]), where);
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var key = line[..colon].TrimEnd();
                Assert.True(string.Equals(trailer.Type, key, StringComparison.OrdinalIgnoreCase), where);
                Assert.DoesNotContain(key, HeaderLookalikes, StringComparer.OrdinalIgnoreCase);
                Assert.Equal(line[(colon + 1)..].Trim(), trailer.Value);
                if (trailer.Type.EndsWith("-by", StringComparison.Ordinal))
                {
                    Assert.NotNull(trailer.Email);
                    Assert.Contains(trailer.Email, line, StringComparison.Ordinal);
                }
                else
                {
                    Assert.True(trailer.Type switch
                    {
                        "Fixes" => CommitId().IsMatch(trailer.Value),
                        "Link" or "Closes" => trailer.Value.StartsWith("http", StringComparison.Ordinal),
                        _ => false,
                    }, where);
                }
            }
        }

        // The check means something only if the archive is full of both.
        Assert.True(checkedTrailers > 500, $"{checkedTrailers} reply trailers");
        Assert.True(quotedLookalikes > 1000, $"{quotedLookalikes} quoted trailer lines");
    }

    private static readonly string[] HeaderLookalikes = ["From", "To", "Cc", "Bcc", "Subject", "Date", "Sent", "Reply-To", "Message-Id", "In-Reply-To", "References"];

    [GeneratedRegex(@"^\[PATCH v7 (?!00)\d\d/22\] ")]
    private static partial Regex V7Patch();

    [GeneratedRegex(@"^\s*(re|aw)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ReplySubject();

    [GeneratedRegex(@"^>[> ]*[A-Za-z-]+-by:", RegexOptions.IgnoreCase)]
    private static partial Regex QuotedTrailer();

    [GeneratedRegex(@"^[0-9a-f]{7,40}(\s|$)")]
    private static partial Regex CommitId();
}
