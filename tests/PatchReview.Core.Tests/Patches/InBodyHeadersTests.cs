using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using Xunit;

namespace PatchReview.Core.Tests.Patches;

public sealed class InBodyHeadersTests
{
    [Fact]
    public void From_line_and_blank_line_at_the_top_name_the_author_and_where_the_body_starts()
    {
        const string body = "From: Matthew Rosato <mjrosato@linux.ibm.com>\n\nA subsequent patch will introduce an airq handler\n";

        var headers = InBodyHeaders.Parse(body);

        Assert.NotNull(headers);
        Assert.Equal(new Person("Matthew Rosato", "mjrosato@linux.ibm.com"), headers.Author);
        Assert.Null(headers.Subject);
        Assert.Null(headers.DateText);
        Assert.Equal("A subsequent patch", body[headers.BodyOffset..][..18]);
    }

    [Fact]
    public void Leading_blank_lines_are_allowed()
    {
        const string body = "\n \n\t\nFrom: Jane Doe <jane@example.org>\n\nText\n";

        var headers = InBodyHeaders.Parse(body);

        Assert.Equal(new Person("Jane Doe", "jane@example.org"), headers?.Author);
        Assert.Equal(body.IndexOf("Text", StringComparison.Ordinal), headers?.BodyOffset);
    }

    [Fact]
    public void Date_and_subject_are_read_with_the_author_in_any_order()
    {
        const string body = "Subject: [PATCH] s390: foo\nFrom: Jane Doe <jane@example.org>\nDate: Tue, 3 May 2022 10:00:00 +0200\n\nText\n";

        var headers = InBodyHeaders.Parse(body);

        Assert.Equal(new InBodyHeaders(new Person("Jane Doe", "jane@example.org"), "[PATCH] s390: foo",
            "Tue, 3 May 2022 10:00:00 +0200", body.IndexOf("Text", StringComparison.Ordinal)), headers);
    }

    [Fact]
    public void Folded_subject_is_unfolded()
    {
        const string body = "From: Jane Doe <jane@example.org>\nSubject: [PATCH] s390/pci: a long\n subject line\n\nText\n";

        Assert.Equal("[PATCH] s390/pci: a long subject line", InBodyHeaders.Parse(body)?.Subject);
    }

    [Theory]
    [InlineData("From: =?UTF-8?q?Jan_H=C3=B6ppner?= <hoeppner@linux.ibm.com>", "Jan Höppner", "hoeppner@linux.ibm.com")]
    [InlineData("From: Jan Höppner <hoeppner@linux.ibm.com>", "Jan Höppner", "hoeppner@linux.ibm.com")]
    [InlineData("From: \"D. Wythe\" <alibuda@linux.alibaba.com>", "D. Wythe", "alibuda@linux.alibaba.com")]
    [InlineData("From: jane@example.org", "", "jane@example.org")]
    [InlineData("from: Jane Doe <jane@example.org>", "Jane Doe", "jane@example.org")]
    [InlineData("From:Jane Doe <jane@example.org>  ", "Jane Doe", "jane@example.org")]
    public void Author_is_decoded_as_a_mailbox(string line, string name, string email)
    {
        Assert.Equal(new Person(name, email), InBodyHeaders.Parse(line + "\n\nText\n")?.Author);
    }

    [Fact]
    public void Encoded_subject_is_decoded()
    {
        const string body = "Subject: =?UTF-8?q?s390/dasd:_fix_H=C3=B6ppner=27s_typo?=\n\nText\n";

        var headers = InBodyHeaders.Parse(body);

        Assert.Equal("s390/dasd: fix Höppner's typo", headers?.Subject);
        Assert.Null(headers?.Author);
    }

    [Fact]
    public void Pasted_format_patch_file_starts_after_its_mbox_line()
    {
        const string body = "From 3ae11dbcfac906a8c3a480e98660a823130dc16a Mon Sep 17 00:00:00 2001\nFrom: Christian Borntraeger <borntraeger@linux.ibm.com>\nDate: Mon, 30 May 2022 11:27:06 +0200\nSubject: [PATCH] s390/mm: use non-quiescing sske for KVM switch to keyed guest\n\nThe switch\n";

        var headers = InBodyHeaders.Parse(body);

        Assert.Equal(new Person("Christian Borntraeger", "borntraeger@linux.ibm.com"), headers?.Author);
        Assert.Equal("Mon, 30 May 2022 11:27:06 +0200", headers?.DateText);
        Assert.Equal("[PATCH] s390/mm: use non-quiescing sske for KVM switch to keyed guest", headers?.Subject);
        Assert.Equal(body.IndexOf("The switch", StringComparison.Ordinal), headers?.BodyOffset);
    }

    [Fact]
    public void Crlf_line_ends_are_read_like_lf()
    {
        const string body = "From: Jane Doe <jane@example.org>\r\nSubject: foo\r\n\r\nText\r\n";

        var headers = InBodyHeaders.Parse(body);

        Assert.Equal(new InBodyHeaders(new Person("Jane Doe", "jane@example.org"), "foo", null, body.IndexOf("Text", StringComparison.Ordinal)), headers);
    }

    [Fact]
    public void Block_ending_the_body_with_its_blank_line_has_an_empty_body_after_it()
    {
        const string body = "From: Jane Doe <jane@example.org>\n\n";

        Assert.Equal(body.Length, InBodyHeaders.Parse(body)?.BodyOffset);
    }

    [Theory]
    // Outlook quote headers as Michael Kelley's replies on linux-s390 begin.
    [InlineData("From: Christoph Hellwig <hch@lst.de> Sent: Sunday, April 3, 2022 10:06 PM\n> \n> Pass a bool\n")]
    [InlineData("From: Yury Norov\n> Sent: 20 April 2022 23:25\n> \n")]
    [InlineData("From: Jane Doe <jane@example.org>\nSent: Tuesday, May 3, 2022 10:00 AM\nTo: linux-s390@vger.kernel.org\n\nText\n")]
    // No address: a quote attribution, not git's header.
    [InlineData("From: Yury Norov\n\nText\n")]
    [InlineData("From:\n\nText\n")]
    // Further down, a From: line is a quote or a forwarded mail.
    [InlineData("Hi,\n\nFrom: Jane Doe <jane@example.org>\n\nText\n")]
    [InlineData("> From: Jane Doe <jane@example.org>\n\nText\n")]
    [InlineData(">From: Jane Doe <jane@example.org>\n\nText\n")]
    [InlineData(" From: Jane Doe <jane@example.org>\n\nText\n")]
    // Without the blank line there is no body after the block.
    [InlineData("From: Jane Doe <jane@example.org>")]
    [InlineData("From: Jane Doe <jane@example.org>\n")]
    [InlineData("From: Jane Doe <jane@example.org>\nText right after\n\nMore\n")]
    // The same field twice is not a header block git writes.
    [InlineData("From: Jane Doe <jane@example.org>\nFrom: John Doe <john@example.org>\n\nText\n")]
    [InlineData("From Jane Doe\n\nText\n")]
    [InlineData("From 3ae11dbcfac906a8c3a480e98660a823130dc16a Mon Sep 17 00:00:00 2001\n\nText\n")]
    [InlineData("Fromage: brie\n\nText\n")]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    [InlineData("Text\n")]
    public void Anything_but_a_header_block_at_the_very_top_gives_null(string body)
    {
        Assert.Null(InBodyHeaders.Parse(body));
    }

    [Fact]
    public void Continuation_line_cannot_start_the_block()
    {
        Assert.Null(InBodyHeaders.Parse(" Jane Doe <jane@example.org>\n\nText\n"));
    }
}
