using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace PatchReview.Core.Mail;

/// <summary>
/// The Message-ID and content hash of a raw message, computed from the bytes without a MIME parse, so that re-importing
/// stored mail stays cheap. Two copies of one message that crossed different lists differ only in transport headers
/// (Received, List-*, DKIM, Return-Path...); the hash covers the body and the sender's own headers, so they hash alike.
/// Example: <c>MessageFingerprint.Compute("Message-ID: &lt;20220427150138.GA2512703@nvidia.com&gt;\n\nJason\n"u8)</c>
/// has <c>MessageId == "20220427150138.GA2512703@nvidia.com"</c>.
/// </summary>
/// <param name="MessageId">Without angle brackets; generated from <paramref name="ContentHash"/> when the mail has none.</param>
/// <param name="MessageIdGenerated">True when the mail had no usable Message-ID.</param>
/// <param name="ContentHash">SHA-256 over the sender's own headers and the body.</param>
public sealed record MessageFingerprint(string MessageId, bool MessageIdGenerated, byte[] ContentHash)
{
    /// <summary>
    /// The List-Id this copy arrived through (<c>linux-s390.vger.kernel.org</c>), null when none: a duplicate from
    /// another list is not hashed differently but its list is recorded on the stored message.
    /// </summary>
    public string? ListId { get; init; }

    /// <summary>The domain of generated Message-IDs; <c>.invalid</c> is reserved by RFC 2606 and can never clash with a real id.</summary>
    public const string GeneratedIdDomain = "generated.patchreview.invalid";

    // The headers the author's mail client wrote. Lists and relays add Received, Return-Path, List-*, DKIM-Signature,
    // ARC-*, X-* and Delivered-To, so the same mail read from two lists' archives differs only there.
    private static readonly byte[][] HashedHeaders =
    [
        "From"u8.ToArray(), "To"u8.ToArray(), "Cc"u8.ToArray(), "Subject"u8.ToArray(), "Date"u8.ToArray(),
        "Message-ID"u8.ToArray(), "In-Reply-To"u8.ToArray(), "References"u8.ToArray(), "Content-Type"u8.ToArray(),
        "Content-Transfer-Encoding"u8.ToArray(),
    ];

    private const int MessageIdIndex = 5;

    private static readonly SearchValues<byte> WhiteSpace = SearchValues.Create(" \t\r\n"u8);

    // One hash context per thread, reset by GetHashAndReset: creating a native SHA-256 context per message showed
    // up as finalizer and GC work when importing at thousands of messages a second.
    [ThreadStatic]
    private static IncrementalHash? Hash;

    /// <summary>Computes the fingerprint of one raw message (header block, empty line, body).</summary>
    public static MessageFingerprint Compute(ReadOnlySpan<byte> raw)
    {
        Span<Range> values = stackalloc Range[HashedHeaders.Length];
        Span<bool> found = stackalloc bool[HashedHeaders.Length];
        var scanner = new HeaderScanner(raw);
        Range? listId = null;
        while (scanner.MoveNext(out var name, out var value))
        {
            if (listId is null && Ascii.EqualsIgnoreCase(raw[name], "List-Id"u8))
            {
                listId = value;
                continue;
            }

            // The first occurrence of each header counts, as it does for the Message-ID.
            for (var i = 0; i < HashedHeaders.Length; i++)
            {
                if (!found[i] && Ascii.EqualsIgnoreCase(raw[name], HashedHeaders[i]))
                {
                    found[i] = true;
                    values[i] = value;
                    break;
                }
            }
        }

        var hash = Hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> chunk = stackalloc byte[1024];
        for (var i = 0; i < HashedHeaders.Length; i++)
        {
            AppendCollapsed(hash, found[i] ? raw[values[i]] : default, chunk);
            // Collapsed values hold no LF, so an LF after each one keeps the fields apart: ("a b", "") != ("a", "b").
            hash.AppendData("\n"u8);
        }

        AppendBody(hash, raw[scanner.BodyStart..]);
        var contentHash = hash.GetHashAndReset();

        var messageId = found[MessageIdIndex] ? BracketedId.First(raw[values[MessageIdIndex]]) : "";
        var list = listId is { } range && BracketedId.First(raw[range]) is { Length: > 0 } text ? text : null;
        return messageId.Length > 0
            ? new MessageFingerprint(messageId, false, contentHash) { ListId = list }
            : new MessageFingerprint($"{Convert.ToHexStringLower(contentHash, 0, 16)}@{GeneratedIdDomain}", true, contentHash) { ListId = list };
    }

    /// <summary>Hashes a header value unfolded, with each run of white space as one space, trimmed.</summary>
    private static void AppendCollapsed(IncrementalHash hash, ReadOnlySpan<byte> value, Span<byte> chunk)
    {
        // A patch's Cc runs over a kilobyte and many folds: words are copied whole, and the chunk hashed when full.
        value = value.Trim(" \t\r\n"u8);
        var length = 0;
        while (!value.IsEmpty)
        {
            var word = value;
            value = default;
            if (word.IndexOfAny(WhiteSpace) is var end and >= 0)
            {
                // The value is trimmed, so a word follows every run of white space in it.
                value = word[end..];
                value = value[value.IndexOfAnyExcept(WhiteSpace)..];
                word = word[..end];
            }
            // The word and the space after it; the trimmed value ends with a word, so no space ends it.
            var needed = word.Length + (value.IsEmpty ? 0 : 1);
            if (length + needed > chunk.Length)
            {
                hash.AppendData(chunk[..length]);
                length = 0;
                if (needed > chunk.Length)
                {
                    hash.AppendData(word);
                    word = default;
                }
            }
            word.CopyTo(chunk[length..]);
            length += word.Length;
            if (!value.IsEmpty)
            {
                chunk[length++] = (byte)' ';
            }
        }

        hash.AppendData(chunk[..length]);
    }

    /// <summary>Hashes the body with CRLF as LF and without trailing white space, so a CRLF archive and an LF one agree.</summary>
    private static void AppendBody(IncrementalHash hash, ReadOnlySpan<byte> body)
    {
        body = body.TrimEnd(" \t\r\n"u8);
        int crlf;
        while ((crlf = body.IndexOf("\r\n"u8)) >= 0)
        {
            hash.AppendData(body[..crlf]);
            body = body[(crlf + 1)..];
        }

        hash.AppendData(body);
    }
}
