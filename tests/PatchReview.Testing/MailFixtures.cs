using System.Runtime.CompilerServices;
using System.Text;
using PatchReview.Core.Mail;

namespace PatchReview.Testing;

/// <summary>Small hand-written mail for tests, built from header lines and a body.</summary>
public static class MailFixtures
{
    public static byte[] Message(string messageId, string subject, string from = "Ann Author <ann@example.org>",
        string date = "Tue, 26 Apr 2022 16:08:22 -0400", string? inReplyTo = null, string? references = null,
        string body = "Hello.\n", string? listId = "linux-s390.vger.kernel.org", string? extraHeaders = null)
    {
        var text = new StringBuilder();
        text.Append("From: ").Append(from).Append('\n');
        text.Append("To: linux-s390@vger.kernel.org\n");
        text.Append("Subject: ").Append(subject).Append('\n');
        text.Append("Date: ").Append(date).Append('\n');
        text.Append("Message-ID: <").Append(messageId).Append(">\n");
        if (inReplyTo is not null)
        {
            text.Append("In-Reply-To: <").Append(inReplyTo).Append(">\n");
        }
        if (references is not null)
        {
            text.Append("References: ").Append(references).Append('\n');
        }
        if (listId is not null)
        {
            text.Append("List-Id: <").Append(listId).Append(">\n");
        }
        if (extraHeaders is not null)
        {
            text.Append(extraHeaders);
        }
        text.Append("MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n").Append(body);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static MailEnvelope Envelope(byte[] raw, string source = "test.mbox", long offset = 0) => new(source, offset, null, raw);

    public static async IAsyncEnumerable<MailEnvelope> Stream(IEnumerable<MailEnvelope> envelopes, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var envelope in envelopes)
        {
            ct.ThrowIfCancellationRequested();
            yield return envelope;
        }
        await Task.CompletedTask;
    }

    /// <summary>Every message of an archive, in memory; for tests that reorder or split a small corpus.</summary>
    public static async Task<List<MailEnvelope>> ReadAllAsync(string path)
    {
        var envelopes = new List<MailEnvelope>();
        await foreach (var envelope in MailReader.ReadAsync(path))
        {
            envelopes.Add(envelope);
        }
        return envelopes;
    }
}
