using System.Runtime.InteropServices;
using System.Text;
using MimeKit;
using MimeKit.IO;
using MimeKit.Utils;

namespace PatchReview.Core.Mail;

/// <summary>
/// Parses one raw message into a <see cref="ParsedMessage"/>, tolerating what real list mail does (8-bit headers,
/// mislabelled charsets, junk in References, DMARC-munged senders) and rejecting, with a reason, only what is not mail.
/// Example: the zpci reply <c>1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com</c> parses to From Matthew Rosato,
/// Subject <c>Re: [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks</c>, IsFlowed true.
/// </summary>
public static class MessageParser
{
    private static readonly ParserOptions Options;

    [ThreadStatic]
    private static MimeParser? _parser;

    [ThreadStatic]
    private static MemoryStream? _readHeaders;

    [ThreadStatic]
    private static MemoryStream? _decodedText;

    private const int KeptBufferLimit = 1024 * 1024;

    static MessageParser()
    {
        // .NET ships only UTF-*, ASCII and Latin-1; windows-1252, koi8-r, iso-2022-jp come from this provider. It must
        // be registered before MimeKit first looks up a charset: MimeKit remembers a charset it could not find, and an
        // "=?ISO-2022-JP?B?...?=" subject then stays undecoded for the life of the process.
        Encoding.RegisterProvider(CachedCodePages.Instance);
        Options = new ParserOptions
        {
            // 8-bit header text is tried as UTF-8 first (MimeKit always does), then as this, then as iso-8859-1.
            CharsetEncoding = Encoding.Latin1,
        };
    }

    /// <summary>Parses the envelope's raw bytes; never throws for bad mail, it returns a rejection instead.</summary>
    public static MessageParseResult Parse(MailEnvelope envelope) => Parse(envelope, null);

    /// <summary>As <see cref="Parse(MailEnvelope)"/>, reusing the fingerprint the caller already computed of the same bytes.</summary>
    public static MessageParseResult Parse(MailEnvelope envelope, MessageFingerprint? fingerprint) => Parse(envelope, fingerprint, everyField: false);

    /// <param name="everyField">Gives MimeKit the whole header block, as it was before unread fields were dropped: tests compare the two.</param>
    internal static MessageParseResult Parse(MailEnvelope envelope, MessageFingerprint? fingerprint, bool everyField)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var raw = Segment(envelope.Raw);
        if (raw.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return MessageParseResult.Rejected("empty message");
        }

        if (CheckHeaderBlock(raw) is { } problem)
        {
            return MessageParseResult.Rejected(problem);
        }

        MimeMessage message;
        try
        {
            // persistent: parts point into the MemoryStream instead of being copied, which matters for 20 MB attachments.
            // One parser per thread, given each message in turn: a new one per message (MimeMessage.Load) allocated
            // nearly twice as much per linux-s390 message and took nearly twice as long.
            var parser = _parser ??= new MimeParser(Options, Stream.Null, persistent: true);
            parser.SetStream(everyField ? Whole(raw) : MimeInput(raw), MimeFormat.Entity, persistent: true);
            message = parser.ParseMessage();
        }
        catch (FormatException ex)
        {
            return MessageParseResult.Rejected(ex.Message);
        }

        // MimeKit gives messages, parts and contents finalizers. Left to them, every parsed message outlived the next
        // collection waiting for the finalizer thread, and with it everything it holds: over half of what parsing
        // allocated was promoted, and nearly every collection of an import was a generation 1 collection.
        using var parsed = message;
        fingerprint ??= MessageFingerprint.Compute(raw);
        var textPart = ChooseTextPart(message.Body);
        var (dateHeader, date) = ReadDate(message);
        return MessageParseResult.Parsed(new ParsedMessage
        {
            MessageId = fingerprint.MessageId,
            MessageIdGenerated = fingerprint.MessageIdGenerated,
            From = ReadSender(message),
            To = ReadPeople(message, HeaderId.To),
            Cc = ReadPeople(message, HeaderId.Cc),
            Subject = Clean(Unfold(message.Subject ?? "")),
            Date = date,
            DateHeader = dateHeader,
            InReplyTo = ReadIds(message, HeaderId.InReplyTo, fingerprint.MessageId),
            References = ReadIds(message, HeaderId.References, fingerprint.MessageId),
            ListId = fingerprint.ListId,
            BodyText = textPart is null ? "" : Clean(DecodeText(textPart)),
            IsFlowed = HasParameter(textPart, "format", "flowed"),
            DelSp = HasParameter(textPart, "delsp", "yes"),
            ContentHash = fingerprint.ContentHash,
        });
    }

    /// <summary>The rejection reason when the bytes have no usable header block, else null.</summary>
    private static string? CheckHeaderBlock(ReadOnlySpan<byte> raw)
    {
        var scanner = new HeaderScanner(raw);
        var hasMailHeader = false;
        while (scanner.MoveNext(out var name, out _))
        {
            var field = raw[name];
            hasMailHeader |= Ascii.EqualsIgnoreCase(field, "From"u8) || Ascii.EqualsIgnoreCase(field, "Date"u8)
                || Ascii.EqualsIgnoreCase(field, "Message-ID"u8) || Ascii.EqualsIgnoreCase(field, "Subject"u8);
        }

        if (!hasMailHeader)
        {
            return "not a mail message: no From, Date, Message-ID or Subject header";
        }

        // An archive cut off mid-download ends without the empty line and without the last header's line end;
        // MimeKit would quietly accept the stub as a message with an empty body.
        return !scanner.FoundEmptyLine && raw[^1] != (byte)'\n' ? "truncated: the message ends inside its headers" : null;
    }

    /// <summary>Readers give bytes in arrays, which MimeKit reads in place; other memory is copied.</summary>
    private static ArraySegment<byte> Segment(ReadOnlyMemory<byte> raw) =>
        MemoryMarshal.TryGetArray(raw, out var segment) ? segment : raw.ToArray();

    private static MemoryStream Whole(ArraySegment<byte> raw) => new(raw.Array!, raw.Offset, raw.Count, writable: false);

    /// <summary>
    /// The message as MimeKit is given it: the header fields this parser reads through MimeKit, the MIME fields, and
    /// the body. Transport fields (Received, DKIM-Signature, ARC-*, X-*) are 15.4 of the 33.7 MB of the linux-s390
    /// 2022q2 archive, and MimeKit made objects of every one: without them a message of the corpus parses in 22.7 µs
    /// instead of 28.7 and allocates 30 KB instead of 43, to the same result. A header block holding anything but
    /// well-formed fields is given whole, so that odd mail is read as MimeKit always read it.
    /// </summary>
    internal static Stream MimeInput(ArraySegment<byte> raw)
    {
        var scanner = new HeaderScanner(raw);
        var kept = _readHeaders ??= new MemoryStream();
        kept.SetLength(0);
        var fieldStart = 0;
        var dropped = false;
        while (scanner.MoveNext(out var name, out _))
        {
            var field = raw.AsSpan(name);
            if (name.Start.Value != fieldStart || field.ContainsAnyExceptInRange((byte)'!', (byte)'~'))
            {
                // A line that is not a field (an mbox From_ line, junk) or a name RFC 5322 section 2.2 does not allow.
                return Whole(raw);
            }
            if (IsRead(field))
            {
                kept.Write(raw.Array!, raw.Offset + fieldStart, scanner.FieldEnd - fieldStart);
            }
            else
            {
                dropped = true;
            }
            fieldStart = scanner.FieldEnd;
        }
        // Anything between the last field and the empty line is not a field either.
        if (!dropped || !scanner.FoundEmptyLine || raw.AsSpan(fieldStart, scanner.BodyStart - fieldStart).TrimStart((byte)'\r') is not [(byte)'\n'])
        {
            return Whole(raw);
        }
        // The empty line that ends the header block goes with the body.
        var input = new ChainedStream();
        input.Add(new MemoryStream(kept.GetBuffer(), 0, (int)kept.Length, writable: false));
        input.Add(new MemoryStream(raw.Array!, raw.Offset + fieldStart, raw.Count - fieldStart, writable: false));
        return input;
    }

    /// <summary>
    /// The fields <see cref="Parse(MailEnvelope, MessageFingerprint?)"/> reads through MimeKit, and those MimeKit reads
    /// to parse the body. Message-ID and List-Id come from the raw bytes (<see cref="MessageFingerprint"/>).
    /// </summary>
    private static bool IsRead(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "From"u8) || Ascii.EqualsIgnoreCase(name, "To"u8) || Ascii.EqualsIgnoreCase(name, "Cc"u8)
        || Ascii.EqualsIgnoreCase(name, "Reply-To"u8) || Ascii.EqualsIgnoreCase(name, "X-Original-From"u8)
        || Ascii.EqualsIgnoreCase(name, "Subject"u8) || Ascii.EqualsIgnoreCase(name, "Date"u8)
        || Ascii.EqualsIgnoreCase(name, "In-Reply-To"u8) || Ascii.EqualsIgnoreCase(name, "References"u8)
        || Ascii.EqualsIgnoreCase(name, "MIME-Version"u8)
        || (name.Length > 8 && Ascii.EqualsIgnoreCase(name[..8], "Content-"u8));

    /// <summary>
    /// The sender with DMARC munging undone. Mailman and Google Groups rewrite a sender whose domain publishes
    /// p=reject as the list: <c>From: 'Jane Doe' via kasan-dev &lt;kasan-dev@googlegroups.com&gt;</c>, and keep
    /// the real address in X-Original-From or Reply-To.
    /// </summary>
    private static Person ReadSender(MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        if (from is null)
        {
            return new Person("", "");
        }

        var name = from.Name ?? "";
        var via = name.LastIndexOf(" via ", StringComparison.Ordinal);
        if (via <= 0)
        {
            return ToPerson(from);
        }

        var realName = Clean(name[..via].Trim().Trim('\'', '"').Trim());
        if (message.Headers["X-Original-From"] is { } originalFrom
            && InternetAddressList.TryParse(Options, originalFrom, out var original)
            && original.Mailboxes.FirstOrDefault() is { } originalSender)
        {
            return new Person(string.IsNullOrWhiteSpace(originalSender.Name) ? realName : Clean(originalSender.Name), Clean(originalSender.Address));
        }

        return message.ReplyTo.Mailboxes.ToList() is [var replyTo]
            ? new Person(realName, Clean(replyTo.Address))
            : new Person(realName, Clean(from.Address));
    }

    /// <summary>The mailboxes of every header of one kind: read as plain lists where they are, else all by MimeKit.</summary>
    private static List<Person> ReadPeople(MimeMessage message, HeaderId id)
    {
        var people = new List<Person>();
        foreach (var header in message.Headers)
        {
            if (header.Id == id && !PlainAddressList.TryRead(header.RawValue, people))
            {
                return ToPeople(id == HeaderId.To ? message.To : message.Cc);
            }
        }

        return people;
    }

    private static List<Person> ToPeople(InternetAddressList addresses) => [.. addresses.Mailboxes.Select(ToPerson)];

    private static Person ToPerson(MailboxAddress mailbox) => new(Clean(mailbox.Name ?? ""), Clean(mailbox.Address));

    /// <summary>The verbatim Date text and its UTC value; a Date MimeKit cannot read (<c>Date: yesterday</c>) gives null, never "now".</summary>
    private static (string? Text, DateTimeOffset? Value) ReadDate(MimeMessage message)
    {
        var header = message.Headers.FirstOrDefault(h => h.Id == HeaderId.Date);
        if (header is null)
        {
            return (null, null);
        }

        var text = Clean(Unfold(Encoding.UTF8.GetString(header.RawValue)));
        return DateUtils.TryParse(header.RawValue, out var date) ? (text, date.ToUniversalTime()) : (text, null);
    }

    private static List<string> ReadIds(MimeMessage message, HeaderId id, string ownId)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { ownId };
        foreach (var header in message.Headers.Where(h => h.Id == id))
        {
            BracketedId.AddAll(header.RawValue, ids, seen);
        }

        return ids;
    }


    /// <summary>
    /// The part whose text is the message: the first inline text/plain part (in multipart/alternative that is the
    /// plain one), else the first inline text/html. Attachments and forwarded messages (message/rfc822) are skipped.
    /// </summary>
    private static TextPart? ChooseTextPart(MimeEntity? body)
    {
        TextPart? firstHtml = null;
        return FindPlain(body, ref firstHtml) ?? firstHtml;

        static TextPart? FindPlain(MimeEntity? entity, ref TextPart? firstHtml)
        {
            switch (entity)
            {
                case Multipart multipart:
                    foreach (var child in multipart)
                    {
                        if (FindPlain(child, ref firstHtml) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case TextPart text when !text.IsAttachment && text.IsPlain:
                    return text;
                case TextPart text when !text.IsAttachment && text.IsHtml:
                    firstHtml ??= text;
                    return null;
                default:
                    return null;
            }
        }
    }

    private static string DecodeText(TextPart part)
    {
        // The decoded bytes go into one buffer per thread, reused message after message: with a buffer of their own
        // for each body, parsing and analysing the linux-s390 2022q2 archive allocated 149 MB, against 136 MB. A
        // buffer that a large body grew past 1 MB is let go, so that one body does not stay in memory for good.
        var decoded = _decodedText ??= new MemoryStream();
        decoded.SetLength(0);
        try
        {
            part.Content?.DecodeTo(decoded);
            var text = BodyText.Decode(decoded.GetBuffer().AsSpan(0, (int)decoded.Length), part.ContentType.Charset);
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
            return part.IsHtml ? BodyText.FromHtml(text) : text;
        }
        finally
        {
            if (decoded.Capacity > KeptBufferLimit)
            {
                _decodedText = null;
            }
        }
    }

    private static bool HasParameter(TextPart? part, string name, string value)
        => part is not null && part.ContentType.Parameters.TryGetValue(name, out string? actual)
            && string.Equals(actual.Trim(), value, StringComparison.OrdinalIgnoreCase);

    /// <summary>A header value on one line: folding (RFC 5322 section 2.2.3) is a line end before white space, so drop the line ends.</summary>
    private static string Unfold(string value) => value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Trim();

    /// <summary>PostgreSQL text cannot hold NUL, so every string leaves the parser with U+FFFD in its place.</summary>
    private static string Clean(string text) => text.Replace('\0', '\uFFFD');
}
