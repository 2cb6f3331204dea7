using System.Text;
using PatchReview.Core.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Mail;

public sealed class MessageParserTests
{
    private static MessageParseResult Parse(string raw) => MessageParser.Parse(new MailEnvelope("test.eml", 0, null, Encoding.UTF8.GetBytes(raw)));

    [Fact]
    public void Each_body_is_decoded_alone_whatever_the_bodies_before_it()
    {
        // Decoding reuses one buffer per thread: a long body, a base64 one, one past the 1 MB the buffer is kept to,
        // and a short one after each of them.
        static string Mail(string headers, string body) => $"From: a@example.org\nSubject: s\nMessage-ID: <{Guid.NewGuid()}@example.org>\n{headers}\n{body}";
        var longText = string.Concat(Enumerable.Repeat("a long line of the first body\n", 1000));
        var hugeText = string.Concat(Enumerable.Repeat("a line of a body of over a megabyte\n", 40_000));
        var bodies = new[]
        {
            (Mail("", longText), longText),
            (Mail("", "short\n"), "short\n"),
            (Mail("Content-Transfer-Encoding: base64\n", Convert.ToBase64String(Encoding.UTF8.GetBytes("décodé\n")) + "\n"), "décodé\n"),
            (Mail("", "x\n"), "x\n"),
            (Mail("", hugeText), hugeText),
            (Mail("", "after\n"), "after\n"),
        };

        Assert.All(bodies, body => Assert.Equal(body.Item2, Parse(body.Item1).Message!.BodyText));
    }

    [Fact]
    public void Dmarc_munged_sender_is_taken_from_X_Original_From()
    {
        var message = MailFixtures.Parse("dmarc-x-original-from.eml");

        Assert.Equal(new Person("Jason Gunthorpe", "jgg@nvidia.com"), message.From);
    }

    [Fact]
    public void Dmarc_munged_google_groups_sender_is_taken_from_the_single_Reply_To()
    {
        var message = MailFixtures.Parse("dmarc-reply-to.eml");

        Assert.Equal(new Person("Jane Doe", "jane.doe@example.com"), message.From);
    }

    [Fact]
    public void Dmarc_munged_sender_without_an_original_keeps_the_list_address_and_the_real_name()
    {
        var message = MailFixtures.Parse("dmarc-no-original.eml");

        Assert.Equal(new Person("Jane Doe", "kasan-dev@googlegroups.com"), message.From);
    }

    [Fact]
    public void Sender_that_is_not_munged_is_kept_as_written()
    {
        var message = Parse("From: Reply-To Tester <t@example.com>\nReply-To: other@example.com\nSubject: s\n\nb\n").Message!;

        Assert.Equal(new Person("Reply-To Tester", "t@example.com"), message.From);
    }

    [Fact]
    public void Missing_From_gives_an_empty_person()
    {
        var message = Parse("Subject: no sender\n\nb\n").Message!;

        Assert.Equal(new Person("", ""), message.From);
    }

    [Fact]
    public void Rfc2047_encoded_subject_is_decoded_and_unfolded()
    {
        var message = MailFixtures.Parse("rfc2047-subject.eml");

        Assert.Equal("Re: [PATCH v2] iommu: Grüße aus Köln – naïve", message.Subject);
        Assert.Equal(new Person("Jörg Rödel", "joro@8bytes.org"), message.From);
    }

    [Fact]
    public void Raw_utf8_in_headers_is_decoded_as_utf8()
    {
        var message = MailFixtures.Parse("utf8-raw-headers.eml");

        Assert.Equal("Re: [PATCH] iommu: café – naïve Grüße", message.Subject);
        Assert.Equal(new Person("Jörg Rödel", "joro@8bytes.org"), message.From);
        Assert.Equal([new Person("Ærøskøbing Ø", "aero@example.dk")], message.To);
    }

    [Fact]
    public void Raw_latin1_in_a_header_falls_back_to_latin1()
    {
        var raw = Encoding.Latin1.GetBytes("From: J\u00f6rg <joro@8bytes.org>\nSubject: Gr\u00fc\u00dfe\n\nb\n");

        var message = MessageParser.Parse(new MailEnvelope("latin1.eml", 0, null, raw)).Message!;

        Assert.Equal("Grüße", message.Subject);
        Assert.Equal("Jörg", message.From.Name);
    }

    [Fact]
    public void Folded_plain_subject_is_unfolded()
    {
        Assert.Equal("[PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks",
            Parse("Subject: [PATCH v6 16/21] vfio-pci/zdev:\n add open/close device hooks\n\nb\n").Message!.Subject);
    }

    [Fact]
    public void Bad_date_gives_null_and_keeps_the_verbatim_header()
    {
        var message = MailFixtures.Parse("bad-date.eml");

        Assert.Null(message.Date);
        Assert.Equal("yesterday", message.DateHeader);
    }

    [Fact]
    public void Missing_date_gives_null_date_and_null_header()
    {
        var message = MailFixtures.Parse("missing-date.eml");

        Assert.Null(message.Date);
        Assert.Null(message.DateHeader);
    }

    [Theory]
    [InlineData("Wed, 27 Apr 2022 11:26:40 -0400", "2022-04-27T15:26:40.0000000+00:00")]
    [InlineData("Mon,  6 Dec 2021 23:51:23 +0100 (CET)", "2021-12-06T22:51:23.0000000+00:00")]
    [InlineData("27 Apr 2022 11:26:40 GMT", "2022-04-27T11:26:40.0000000+00:00")]
    [InlineData("Wed, 27 Apr 22 11:26 EDT", "2022-04-27T15:26:00.0000000+00:00")]
    public void Date_is_parsed_leniently_to_utc(string header, string expected)
    {
        var message = Parse($"Subject: s\nDate: {header}\n\nb\n").Message!;

        Assert.Equal(expected, message.Date!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.Zero, message.Date.Value.Offset);
        Assert.Equal(header, message.DateHeader);
    }

    [Fact]
    public void Quoted_printable_body_is_decoded()
    {
        Assert.Equal("Grüße, this line is soft-wrapped and has a = sign.\n", MailFixtures.Parse("quoted-printable.eml").BodyText);
    }

    [Fact]
    public void Base64_body_is_decoded()
    {
        Assert.Equal("Grüße aus Böblingen.\nZweite Zeile.\n", MailFixtures.Parse("base64.eml").BodyText);
    }

    [Fact]
    public void Format_flowed_and_delsp_are_read_from_the_text_part()
    {
        var message = MailFixtures.Parse("flowed-delsp.eml");

        Assert.True(message.IsFlowed);
        Assert.True(message.DelSp);
        Assert.StartsWith("This paragraph is long enough to be wrapped by the mailer at seventy-two \ncharacters.", message.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_is_neither_flowed_nor_delsp()
    {
        var message = MailFixtures.Parse("single.eml");

        Assert.False(message.IsFlowed);
        Assert.False(message.DelSp);
    }

    [Fact]
    public void Html_only_mail_gives_its_text_without_tags()
    {
        var message = MailFixtures.Parse("html-only.eml");

        Assert.Equal("Hello\u00a0world & friends,\nsecond line\nthird line", message.BodyText);
        Assert.False(message.IsFlowed);
    }

    [Fact]
    public void Inline_plain_part_is_preferred_over_html_and_attachments()
    {
        var message = MailFixtures.Parse("multipart-alternative.eml");

        // The line end before a boundary belongs to the boundary (RFC 2046 section 5.1.1), not to the text.
        Assert.Equal("The plain version.", message.BodyText);
        Assert.True(message.IsFlowed);
    }

    [Theory]
    [InlineData("mislabelled-us-ascii.eml")]
    [InlineData("mislabelled-iso-8859-1.eml")]
    public void Utf8_body_in_a_mislabelled_charset_is_decoded_as_utf8(string fixture)
    {
        Assert.Equal("Grüße, Jörg – naïve café\n", MailFixtures.Parse(fixture).BodyText);
    }

    [Fact]
    public void Latin1_body_labelled_latin1_stays_latin1()
    {
        Assert.Equal("Grüße, Jörg, café\n", MailFixtures.Parse("latin1-body.eml").BodyText);
    }

    [Fact]
    public void Body_that_is_neither_its_label_nor_utf8_falls_back_to_windows_1252()
    {
        Assert.Equal("He said \u201cfine\u201d for 5\u20ac.\n", MailFixtures.Parse("windows-1252-as-us-ascii.eml").BodyText);
    }

    [Fact]
    public void Seven_bit_iso_2022_jp_body_is_decoded_with_its_declared_charset()
    {
        // ISO-2022-JP is pure 7-bit with escape sequences, so "the bytes are ASCII" must not short-cut the charset.
        var message = MailFixtures.Parse("iso-2022-jp.eml");

        Assert.Equal("こんにちは、世界。\n", message.BodyText);
        Assert.Equal("こんにちは", message.Subject);
    }

    [Fact]
    public void Body_with_bytes_undefined_in_windows_1252_falls_back_to_latin1()
    {
        var raw = Encoding.ASCII.GetBytes("Subject: s\nContent-Type: text/plain; charset=us-ascii\n\nx\n").Concat(new byte[] { 0x81, 0xe9, (byte)'\n' }).ToArray();

        var message = MessageParser.Parse(new MailEnvelope("x.eml", 0, null, raw)).Message!;

        Assert.Equal("x\n\u0081\u00e9\n", message.BodyText);
    }

    [Fact]
    public void Nul_characters_are_replaced_and_nothing_else_is_lost()
    {
        var message = MailFixtures.Parse("nul-bytes.eml");

        Assert.Equal("has a \uFFFD NUL", message.Subject);
        Assert.Equal("before\uFFFDafter\nlast line\n", message.BodyText);
        Assert.Equal("nul@example.com", message.MessageId);
    }

    [Fact]
    public void Crlf_body_is_normalised_to_lf()
    {
        Assert.Equal("First line.\nSecond line.\n", Parse("Subject: s\r\n\r\nFirst line.\r\nSecond line.\r\n").Message!.BodyText);
    }

    [Fact]
    public void References_and_In_Reply_To_keep_bracketed_ids_in_order_without_duplicates_junk_or_the_own_id()
    {
        var message = MailFixtures.Parse("references-junk.eml");

        Assert.Equal(["parent@example.com"], message.InReplyTo);
        Assert.Equal(["root@example.com", "middle@example.com", "parent@example.com"], message.References);
        Assert.Equal("linux-s390.vger.kernel.org", message.ListId);
    }

    [Fact]
    public void Missing_List_Id_gives_null()
    {
        Assert.Null(MailFixtures.Parse("single.eml").ListId);
    }

    [Fact]
    public void To_and_Cc_are_lists_of_people()
    {
        var message = Parse("From: a@example.com\nTo: Jason Gunthorpe <jgg@nvidia.com>, kvm@vger.kernel.org\nCc: Team: x@example.com, y@example.com;\nSubject: s\n\nb\n").Message!;

        Assert.Equal([new Person("Jason Gunthorpe", "jgg@nvidia.com"), new Person("", "kvm@vger.kernel.org")], message.To);
        Assert.Equal([new Person("", "x@example.com"), new Person("", "y@example.com")], message.Cc);
        Assert.Equal(new Person("", "a@example.com"), message.From);
    }

    [Fact]
    public void Message_id_and_content_hash_agree_with_the_fingerprint()
    {
        foreach (var fixture in (string[])["single.eml", "no-message-id.eml", "multipart-alternative.eml"])
        {
            var envelope = MailFixtures.Envelope(fixture);
            var fingerprint = MessageFingerprint.Compute(envelope.Raw.Span);

            var message = MessageParser.Parse(envelope).Message!;

            Assert.Equal(fingerprint.MessageId, message.MessageId);
            Assert.Equal(fingerprint.MessageIdGenerated, message.MessageIdGenerated);
            Assert.Equal(fingerprint.ContentHash, message.ContentHash);
        }
    }

    [Theory]
    [InlineData("", "empty message")]
    [InlineData(" \r\n\t\n", "empty message")]
    [InlineData("Just some text\nwith no headers at all\n", "not a mail message: no From, Date, Message-ID or Subject header")]
    [InlineData("\nSubject: after an empty line is body\n", "not a mail message: no From, Date, Message-ID or Subject header")]
    [InlineData("From: a@example.com\nSubject: cut in the mid", "truncated: the message ends inside its headers")]
    [InlineData("From: a@example.com\r\nSubj", "truncated: the message ends inside its headers")]
    public void Unusable_bytes_are_rejected_with_a_reason(string raw, string reason)
    {
        var result = Parse(raw);

        Assert.True(result.IsRejected);
        Assert.Null(result.Message);
        Assert.Equal(reason, result.RejectReason);
    }

    [Fact]
    public void Transport_fields_are_skipped_and_the_fields_read_keep_their_folding_and_order()
    {
        // As vger delivers it: the fields read stand between Received, DKIM and list fields, folded, and the body is
        // a multipart whose boundary is a folded parameter of a Content-Type that follows a dropped field.
        var message = Parse("""
            Received: from smtp.kernel.org by lists.example
             (Postfix) with ESMTP id 1; Tue, 26 Apr 2022 16:08:22 -0400
            From: Matthew Rosato <mjrosato@linux.ibm.com>
            DKIM-Signature: v=1; a=rsa-sha256; d=ibm.com;
            	b=abc
            To: linux-s390@vger.kernel.org
            X-Mailer: git-send-email 2.27.0
            Cc: Jason Gunthorpe <jgg@nvidia.com>,
             kvm@vger.kernel.org
            Subject: Re: [PATCH v6 16/21] vfio-pci/zdev:
             add open/close device hooks
            List-Id: <linux-s390.vger.kernel.org>
            Date: Wed, 27 Apr 2022 11:08:22 -0400
            In-Reply-To: <20220427150138.GA2512703@nvidia.com>
            X-Proofpoint-Virus-Version: vendor=baseguard
            References: <20220426200842.98655-1-mjrosato@linux.ibm.com>
             <20220427150138.GA2512703@nvidia.com>
            Message-ID: <reply@linux.ibm.com>
            MIME-Version: 1.0
            X-Spam-Status: No
            Content-Type: multipart/mixed;
             boundary="b1"

            --b1
            Content-Type: text/plain; charset=utf-8; format=flowed
            Content-Transfer-Encoding: quoted-printable

            Gr=C3=BC=C3=9Fe=20
            --b1--
            """).Message!;

        Assert.Equal(new Person("Matthew Rosato", "mjrosato@linux.ibm.com"), message.From);
        Assert.Equal([new Person("", "linux-s390@vger.kernel.org")], message.To);
        Assert.Equal([new Person("Jason Gunthorpe", "jgg@nvidia.com"), new Person("", "kvm@vger.kernel.org")], message.Cc);
        Assert.Equal("Re: [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks", message.Subject);
        Assert.Equal("Wed, 27 Apr 2022 11:08:22 -0400", message.DateHeader);
        Assert.Equal(new DateTimeOffset(2022, 4, 27, 15, 8, 22, TimeSpan.Zero), message.Date);
        Assert.Equal(["20220427150138.GA2512703@nvidia.com"], message.InReplyTo);
        Assert.Equal(["20220426200842.98655-1-mjrosato@linux.ibm.com", "20220427150138.GA2512703@nvidia.com"], message.References);
        Assert.Equal("Grüße ", message.BodyText);
        Assert.True(message.IsFlowed);
    }

    [Fact]
    public void MimeKit_is_given_the_fields_read_with_their_folding_and_line_ends_then_the_empty_line_and_the_body()
    {
        var raw = "Received: from a\r\n by b\r\nFrom: A <a@example.com>\r\nX-Mailer: git-send-email\r\n"
            + "Subject: [PATCH] s390:\r\n fix\r\nContent-Type: text/plain;\r\n charset=utf-8\r\nList-Id: <l.example.com>\r\n\r\nbody\r\n";

        Assert.Equal("From: A <a@example.com>\r\nSubject: [PATCH] s390:\r\n fix\r\nContent-Type: text/plain;\r\n charset=utf-8\r\n\r\nbody\r\n",
            MimeInputText(raw));
    }

    [Theory]
    [InlineData("From mjrosato@linux.ibm.com Tue Apr 26 16:08:22 2022\nReceived: x\nFrom: a@example.com\n\nb\n")]
    [InlineData("From: a@example.com\nReceived: x\nnot a field\nSubject: s\n\nb\n")]
    [InlineData("From: a@example.com\nReceived: x\nSubject: s\nnot a field\n\nb\n")]
    [InlineData("From: a@example.com\nX Spaced Name: x\nSubject: s\n\nb\n")]
    [InlineData("From: a@example.com\nReceived: x\nSubject: headers only\n")]
    [InlineData("From: a@example.com\nSubject: nothing to drop\n\nb\n")]
    public void A_header_block_with_anything_but_fields_or_nothing_to_drop_is_given_whole(string raw)
    {
        Assert.Equal(raw, MimeInputText(raw));
    }

    private static string MimeInputText(string raw)
    {
        using var input = MessageParser.MimeInput(Encoding.UTF8.GetBytes(raw));
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return Encoding.UTF8.GetString(copy.ToArray());
    }

    [Fact]
    public async Task Dropping_the_fields_not_read_changes_no_parse_of_the_corpus_or_the_fixtures()
    {
        var envelopes = (await MailFixtures.ReadAllAsync(MailFixtures.Corpus("zpci-series.mbox.gz")))
            .Concat(await MailFixtures.ReadAllAsync(MailFixtures.Corpus("linux-s390-2022q2.mbox.gz")))
            .Concat(Directory.GetFiles(MailFixtures.Path(""), "*.eml").Select(path => MailFixtures.Envelope(System.IO.Path.GetFileName(path))))
            .Append(new MailEnvelope("from-line.eml", 0, null, Encoding.UTF8.GetBytes(
                "From mjrosato@linux.ibm.com Tue Apr 26 16:08:22 2022\nReceived: x\nFrom: a@example.com\nSubject: s\n\nb\n")))
            .Append(new MailEnvelope("junk-line.eml", 0, null, Encoding.UTF8.GetBytes(
                "From: a@example.com\nReceived: x\nnot a field\nSubject: s\nContent-Type: text/plain; charset=latin1\n\nb\xe9\n")))
            .ToList();
        Assert.Equal(621 + 3523 + 22 + 2, envelopes.Count);

        foreach (var envelope in envelopes)
        {
            Assert.Equal(Describe(MessageParser.Parse(envelope, null, everyField: true)), Describe(MessageParser.Parse(envelope, null, everyField: false)));
        }

        static string Describe(MessageParseResult result) => result.Message is { } message
            ? System.Text.Json.JsonSerializer.Serialize(message)
            : $"rejected: {result.RejectReason}";
    }

    [Fact]
    public void Headers_without_a_body_but_with_a_final_line_end_parse()
    {
        var result = Parse("From: a@example.com\nSubject: headers only\n");

        Assert.False(result.IsRejected);
        Assert.Equal("headers only", result.Message.Subject);
        Assert.Equal("", result.Message.BodyText);
    }

    [Fact]
    public async Task Truncated_last_mbox_message_still_parses_with_the_body_it_has()
    {
        var messages = await MailFixtures.ReadAllAsync(MailFixtures.Path("truncated-last.mbox"));

        var message = MessageParser.Parse(messages[1]).Message!;

        Assert.Equal("cut short", message.Subject);
        Assert.Equal("This body stops in the mid", message.BodyText);
    }
}
