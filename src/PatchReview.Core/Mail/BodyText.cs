using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;
using MimeKit.Text;

namespace PatchReview.Core.Mail;

/// <summary>
/// Turns the decoded bytes of a text part into a string, trusting the declared charset only as far as the bytes allow.
/// Example: a body sent as <c>Content-Type: text/plain; charset=us-ascii</c> whose bytes are UTF-8
/// (<c>c3 a9</c>) decodes to <c>é</c>, not to <c>Ã©</c> or to replacement characters.
/// </summary>
internal static class BodyText
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    // Declared charsets other than UTF-*, ASCII and Latin-1 resolve because MessageParser registers the code pages provider.
    private static readonly Encoding StrictWindows1252 =
        CodePagesEncodingProvider.Instance.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;

    /// <summary>Decodes with the declared charset, then UTF-8, then windows-1252, each strictly, then Latin-1 (which always succeeds).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        var declared = StrictEncoding(declaredCharset);
        // A single-byte charset (us-ascii, iso-8859-1, windows-1252...) either rejects 8-bit bytes or accepts any
        // bytes at all, so it cannot tell a mislabelled UTF-8 body from a real one. Mail clients often label UTF-8 as
        // iso-8859-1 (the label is a default, the bytes come from the editor), while Latin-1 text that happens to be
        // valid UTF-8 needs pairs like "Ã©", which real text does not have. So valid UTF-8 wins over those labels.
        if (declared is not null && !(declared.IsSingleByte && Utf8.IsValid(bytes)) && TryDecode(declared, bytes, out var text))
        {
            return text;
        }

        if (TryDecode(StrictUtf8, bytes, out text) || TryDecode(StrictWindows1252, bytes, out text))
        {
            return text;
        }

        return Encoding.Latin1.GetString(bytes);
    }

    /// <summary>The readable text of an HTML part: tags dropped, entities decoded, block ends as line ends.</summary>
    public static string FromHtml(string html)
    {
        var text = new StringBuilder(html.Length);
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var hidden = false;
        var preformatted = false;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Title:
                    hidden = !tag.IsEndTag && !tag.IsEmptyElement;
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.Pre:
                    preformatted = !tag.IsEndTag;
                    AppendLineEnd(text);
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.Br:
                    text.Append('\n');
                    break;
                case HtmlTagToken tag when IsBlock(tag.Id):
                    AppendLineEnd(text);
                    break;
                case HtmlDataToken data when !hidden && data.Kind == HtmlTokenKind.Data:
                    AppendData(text, data.Data, preformatted);
                    break;
            }
        }

        var lines = text.ToString().Split('\n').Select(line => line.Trim(' '));
        var result = new StringBuilder(text.Length);
        var blankLines = 0;
        foreach (var line in lines)
        {
            blankLines = line.Length == 0 ? blankLines + 1 : 0;
            if (blankLines <= 1)
            {
                result.Append(line).Append('\n');
            }
        }

        return result.ToString().Trim('\n');
    }

    // Encoding.GetEncoding with fallbacks builds a new Encoding on every call; a list uses a handful of charsets.
    private static readonly ConcurrentDictionary<string, Encoding?> StrictEncodings = new(StringComparer.OrdinalIgnoreCase);

    private static Encoding? StrictEncoding(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        return StrictEncodings.GetOrAdd(charset.Trim(), CreateStrictEncoding);
    }

    private static Encoding? CreateStrictEncoding(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // Unknown names seen on lists: "x-unknown", "unknown-8bit", "_iso-2022-jp$ESC"; fall through to UTF-8.
            return null;
        }
    }

    private static bool TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static bool IsBlock(HtmlTagId id) => id is HtmlTagId.P or HtmlTagId.Div or HtmlTagId.TR or HtmlTagId.LI
        or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.H4 or HtmlTagId.H5 or HtmlTagId.H6
        or HtmlTagId.BlockQuote or HtmlTagId.Table or HtmlTagId.UL or HtmlTagId.OL or HtmlTagId.HR;

    private static void AppendLineEnd(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    private static void AppendData(StringBuilder text, string data, bool preformatted)
    {
        if (preformatted)
        {
            text.Append(data.ReplaceLineEndings("\n"));
            return;
        }

        // Outside <pre>, HTML renders any run of white space as one space.
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c) && c != '\u00a0')
            {
                if (text.Length > 0 && text[^1] is not (' ' or '\n'))
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }
    }
}
