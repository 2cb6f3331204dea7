using PatchReview.Core.Mail;
using PatchReview.Testing;

namespace PatchReview.Web.Tests;

/// <summary>Small mail for what the zPCI series does not have: odd Message-IDs, a ghost parent, markup in a body, a reject.</summary>
public static class HandMadeMail
{
    public const string Source = "hand-made.mbox";
    public const string List = "hand-made.example.org";

    /// <summary>Message-IDs with every character that must round-trip through a URL path.</summary>
    public static readonly string[] OddIds =
    [
        "a/b+c$d=e&f@example.org",
        "100%pure@example.org",
        "x%2Fy@example.org",
        "CAHk-=wh+Rk$x/Q@mail.gmail.com",
        "dots.and-dashes_under@example.org",
    ];

    /// <summary>The same id in another case: RFC 5322 ids are case-sensitive, so this is another message.</summary>
    public const string UpperCaseId = "Case@Example.org";
    public const string LowerCaseId = "case@example.org";

    public const string GhostParentId = "never-received@example.org";
    public const string ReplyToGhostId = "reply-to-ghost@example.org";

    public const string MarkupId = "markup@example.org";
    public const string MarkupBody = "<script>alert('mail')</script> & <b>not bold</b>\n> quoted <i>text</i>\n";

    public const long RejectedOffset = 4096;
    public static readonly byte[] Garbage = "\u0001\u0002 this is not mail at all\n"u8.ToArray();

    public static IEnumerable<MailEnvelope> Envelopes()
    {
        long offset = 0;
        foreach (var id in OddIds)
        {
            yield return MailFixtures.Envelope(MailFixtures.Message(id, $"Odd id {id}", date: "Thu, 01 Sep 2022 10:00:00 +0000",
                body: $"The id is {id}.\n", listId: List), Source, offset += 1000);
        }
        yield return MailFixtures.Envelope(MailFixtures.Message(UpperCaseId, "Upper case", date: "Thu, 01 Sep 2022 11:00:00 +0000",
            body: "UPPER\n", listId: List), Source, offset += 1000);
        yield return MailFixtures.Envelope(MailFixtures.Message(LowerCaseId, "Lower case", date: "Thu, 01 Sep 2022 11:00:01 +0000",
            body: "lower\n", listId: List), Source, offset += 1000);
        yield return MailFixtures.Envelope(MailFixtures.Message(ReplyToGhostId, "Re: a message nobody archived", date: "Thu, 01 Sep 2022 12:00:00 +0000",
            inReplyTo: GhostParentId, references: $"<{GhostParentId}>", body: "> what was said\n\nAnd the answer.\n", listId: List), Source, offset += 1000);
        yield return MailFixtures.Envelope(MailFixtures.Message(MarkupId, "<b>Markup</b> in a subject", from: "Jürgen Groß <jgross@example.org>",
            date: "Thu, 01 Sep 2022 13:00:00 +0000", body: MarkupBody, listId: List), Source, offset += 1000);
        yield return MailFixtures.Envelope(Garbage, Source, RejectedOffset);
    }
}
