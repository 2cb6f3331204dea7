using System.Text;
using MimeKit;
using MimeKit.Utils;
using PatchReview.Core.Mail;

namespace PatchReview.Core.Patches;

/// <summary>
/// The header lines git format-patch puts at the very top of a body when the sender is not the author, as git am reads
/// them: <c>From:</c>, and sometimes <c>Date:</c> and <c>Subject:</c>, then a blank line. Example: the zPCI mail
/// <c>[GIT PULL 05/42] s390/airq: pass more TPI info to airq handlers</c>, sent by Claudio Imbrenda, begins
/// <c>From: Matthew Rosato &lt;mjrosato@linux.ibm.com&gt;</c> and a blank line; the author is Matthew Rosato and the
/// commit message starts on the line after the blank one.
/// </summary>
/// <param name="Author">The <c>From:</c> mailbox, RFC 2047 decoded; null when the block has only Date or Subject.</param>
/// <param name="Subject">The <c>Subject:</c> text, unfolded and decoded; null when absent.</param>
/// <param name="DateText">The <c>Date:</c> text as written; null when absent.</param>
/// <param name="BodyOffset">Where the body proper starts in the text given: the line after the blank line that ends the block.</param>
public sealed record InBodyHeaders(Person? Author, string? Subject, string? DateText, int BodyOffset)
{
    /// <summary>
    /// Reads the block at the very start of the body (blank lines before it are allowed, and so is the
    /// <c>From &lt;sha&gt; Mon Sep 17 00:00:00 2001</c> line of a pasted format-patch file); null when there is none.
    /// Only From, Date and Subject lines may make up the block, and it must end with a blank line: Outlook quote headers
    /// (<c>From: Christoph Hellwig &lt;hch@lst.de&gt; Sent: Sunday, April 3, 2022 10:06 PM</c> followed by a quoted line,
    /// or <c>From:</c> then <c>Sent:</c>) and any <c>From:</c> further down (a quote, a forwarded mail) are not in-body headers.
    /// </summary>
    public static InBodyHeaders? Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = body.AsSpan();
        var at = 0;
        var lineStart = at;
        var line = NextLine(text, ref at);
        while (line.IsWhiteSpace() && at < text.Length)
        {
            lineStart = at;
            line = NextLine(text, ref at);
        }

        if (line.StartsWith("From ", StringComparison.Ordinal) && line.TrimEnd('\r').EndsWith(" Mon Sep 17 00:00:00 2001", StringComparison.Ordinal))
        {
            lineStart = at;
            line = NextLine(text, ref at);
        }

        if (FieldOf(line) == Field.None)
        {
            return null;
        }

        string? from = null, date = null, subject = null;
        var field = Field.None;
        var value = new StringBuilder();
        while (lineStart < text.Length)
        {
            if (line.IsWhiteSpace())
            {
                return Store(field, value, ref from, ref date, ref subject) ? Build(from, date, subject, at) : null;
            }

            if (line[0] is ' ' or '\t')
            {
                // A folded Subject; unfolding drops only the line break (RFC 5322 section 2.2.3).
                value.Append(line.TrimEnd('\r'));
            }
            else
            {
                if (!Store(field, value, ref from, ref date, ref subject))
                {
                    return null;
                }

                field = FieldOf(line);
                if (field == Field.None)
                {
                    return null;
                }

                value.Clear().Append(line[(line.IndexOf(':') + 1)..].TrimEnd('\r'));
            }

            lineStart = at;
            line = NextLine(text, ref at);
        }

        // The text ended inside the block: no blank line, no body after it.
        return null;
    }

    private enum Field
    {
        None,
        From,
        Date,
        Subject,
    }

    private static Field FieldOf(ReadOnlySpan<char> line)
        => line.StartsWith("From:", StringComparison.OrdinalIgnoreCase) ? Field.From
            : line.StartsWith("Date:", StringComparison.OrdinalIgnoreCase) ? Field.Date
            : line.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase) ? Field.Subject
            : Field.None;

    /// <summary>Keeps the value of the field just read; false when that field was given before (then it is no header block).</summary>
    private static bool Store(Field field, StringBuilder value, ref string? from, ref string? date, ref string? subject)
    {
        switch (field)
        {
            case Field.None:
                return true;
            case Field.From when from is null:
                from = value.ToString().Trim();
                return true;
            case Field.Date when date is null:
                date = value.ToString().Trim();
                return true;
            case Field.Subject when subject is null:
                subject = value.ToString().Trim();
                return true;
            default:
                return false;
        }
    }

    private static InBodyHeaders? Build(string? from, string? date, string? subject, int bodyOffset)
    {
        Person? author = null;
        if (from is not null)
        {
            // "From: Yury Norov" with no address, or an empty From, is someone's quote header, not git's.
            if (!MailboxAddress.TryParse(ParserOptions.Default, from, out var mailbox) || mailbox.Address.Length == 0)
            {
                return null;
            }

            author = new Person(mailbox.Name ?? "", mailbox.Address);
        }

        if (subject is not null && subject.Contains("=?", StringComparison.Ordinal))
        {
            subject = Rfc2047.DecodeText(Encoding.UTF8.GetBytes(subject));
        }

        return new InBodyHeaders(author, subject, date, bodyOffset);
    }

    /// <summary>The line starting at <paramref name="at"/> without its line feed; moves <paramref name="at"/> past the line feed.</summary>
    private static ReadOnlySpan<char> NextLine(ReadOnlySpan<char> text, ref int at)
    {
        if (at >= text.Length)
        {
            return [];
        }

        var end = text[at..].IndexOf('\n');
        var line = end < 0 ? text[at..] : text.Slice(at, end);
        at = end < 0 ? text.Length : at + end + 1;
        return line;
    }
}
