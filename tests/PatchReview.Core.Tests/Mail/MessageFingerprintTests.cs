using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PatchReview.Core.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Mail;

public sealed class MessageFingerprintTests
{
    private static MessageFingerprint Compute(string raw) => MessageFingerprint.Compute(Encoding.UTF8.GetBytes(raw));

    [Theory]
    [InlineData("Message-ID: <20220427150138.GA2512703@nvidia.com>\n\nbody\n", "20220427150138.GA2512703@nvidia.com")]
    [InlineData("message-id:   <a@b>  (comment)\n\nbody\n", "a@b")]
    [InlineData("Message-Id:\n <folded@example.com>\n\nbody\n", "folded@example.com")]
    [InlineData("Message-ID: <first@x> <second@x>\n\nbody\n", "first@x")]
    [InlineData("Message-ID :<obsolete-space@x>\n\nbody\n", "obsolete-space@x")]
    [InlineData("Message-ID:   no-brackets@example.com  \n\nbody\n", "no-brackets@example.com")]
    [InlineData("Message-ID: <one@x>\nMessage-ID: <two@x>\n\nbody\n", "one@x")]
    public void Message_id_is_the_first_bracketed_id_of_the_first_header(string raw, string expected)
    {
        var fingerprint = Compute(raw);

        Assert.Equal(expected, fingerprint.MessageId);
        Assert.False(fingerprint.MessageIdGenerated);
    }

    [Theory]
    [InlineData("Subject: none\n\nbody\n")]
    [InlineData("Message-ID:\nSubject: empty\n\nbody\n")]
    [InlineData("Message-ID: <>\nSubject: empty brackets\n\nbody\n")]
    [InlineData("Subject: only in body\n\nMessage-ID: <not-a-header@x>\n")]
    public void Missing_or_empty_message_id_is_generated_from_the_content(string raw)
    {
        var fingerprint = Compute(raw);

        Assert.True(fingerprint.MessageIdGenerated);
        Assert.Equal($"{Convert.ToHexStringLower(fingerprint.ContentHash)[..32]}@generated.patchreview.invalid", fingerprint.MessageId);
    }

    [Fact]
    public void Generated_message_id_is_stable_across_calls()
    {
        var raw = MailFixtures.Bytes("no-message-id.eml");

        Assert.Equal(MessageFingerprint.Compute(raw).MessageId, MessageFingerprint.Compute(raw).MessageId);
    }

    [Fact]
    public void Same_mail_delivered_by_two_lists_has_the_same_hash_and_generated_id()
    {
        // The kvm copy has other Received, List-*, DKIM and X- headers, CRLF line ends, a refolded Subject and
        // extra spaces in Date: none of that is the author's content.
        var viaS390 = MessageFingerprint.Compute(MailFixtures.Bytes("no-message-id.eml"));
        var viaKvm = MessageFingerprint.Compute(MailFixtures.Bytes("no-message-id-via-kvm.eml"));

        Assert.Equal(viaS390.ContentHash, viaKvm.ContentHash);
        Assert.Equal(viaS390.MessageId, viaKvm.MessageId);
        Assert.True(viaKvm.MessageIdGenerated);
    }

    [Theory]
    [InlineData("Subject: b\n\nbody\n")]
    [InlineData("Subject: a\n\nbody changed\n")]
    [InlineData("Subject: a\nIn-Reply-To: <x@y>\n\nbody\n")]
    [InlineData("Subject: a\nContent-Transfer-Encoding: base64\n\nbody\n")]
    [InlineData("Subject: a\n\n body\n")]
    public void Any_change_to_the_author_content_changes_the_hash(string changed)
    {
        Assert.NotEqual(Compute("Subject: a\n\nbody\n").ContentHash, Compute(changed).ContentHash);
    }

    [Theory]
    [InlineData("Subject: a\nReceived: from x by y\nX-Spam: no\n\nbody\n")]
    [InlineData("Subject: a\r\n\r\nbody\r\n")]
    [InlineData("Subject:    a   \n\nbody\n\n\n  \n")]
    [InlineData("subject: a\nList-Id: <other.list>\nDKIM-Signature: v=1\n\nbody")]
    public void Transport_headers_case_folding_and_trailing_space_do_not_change_the_hash(string same)
    {
        Assert.Equal(Compute("Subject: a\n\nbody\n").ContentHash, Compute(same).ContentHash);
    }

    [Fact]
    public void Fields_are_kept_apart_in_the_hash()
    {
        Assert.NotEqual(Compute("To: a b\n\nbody\n").ContentHash, Compute("To: a\nCc: b\n\nbody\n").ContentHash);
        Assert.NotEqual(Compute("Subject: a\n\nb\n").ContentHash, Compute("Subject: a\nDate: b\n\n").ContentHash);
    }

    [Fact]
    public void Hash_covers_the_collapsed_author_headers_then_the_trimmed_body()
    {
        // Stored hashes decide whether a re-imported copy is a duplicate, so the hashed text must never change: each of
        // From, To, Cc, Subject, Date, Message-ID, In-Reply-To, References, Content-Type and Content-Transfer-Encoding
        // unfolded, its white space runs as one space, and an LF; then the body with LF line ends, its end trimmed.
        var fingerprint = Compute(
            "From: Jane Doe <jane@example.org>\r\nTo: a@example.com,\r\n\t b@example.com\r\nSubject:  pinned   hash \r\n" +
            "Received: from relay\r\n\r\nbody line\r\n\r\nend \r\n\r\n");

        // sha256sum of "Jane Doe <jane@example.org>\na@example.com, b@example.com\n\npinned hash\n\n\n\n\n\n\nbody line\n\nend"
        Assert.Equal("5870764b4b6b6f1b4c4113c923d7450262b308e79ee796415b61dae656296701", Convert.ToHexStringLower(fingerprint.ContentHash));
    }

    [Fact]
    public void Long_folded_values_hash_as_their_collapsed_text()
    {
        // A Cc of a hundred people over many folds, and a References word longer than the hashing buffer.
        var cc = string.Join(",\n\t", Enumerable.Range(0, 100).Select(i => $"Person  {i} <person{i}@example.org>"));
        var references = string.Join(" ", Enumerable.Range(0, 3).Select(i => $"<{new string((char)('a' + i), 1500)}@x>"));
        var fingerprint = Compute($"Cc: {cc}\nReferences:\n {references}\n\nbody\n");

        static string Collapsed(string value) => Regex.Replace(value.Trim(), "[ \t\r\n]+", " ");
        var hashed = $"\n\n{Collapsed(cc)}\n\n\n\n\n{Collapsed(references)}\n\n\nbody";
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(hashed)), fingerprint.ContentHash);
    }

    [Fact]
    public void Hash_is_sha256_sized()
    {
        Assert.Equal(32, Compute("Subject: a\n\nbody\n").ContentHash.Length);
    }
}
