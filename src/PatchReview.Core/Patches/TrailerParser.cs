using System.Buffers;
using System.Globalization;
using System.Text;
using PatchReview.Core.Mail;

namespace PatchReview.Core.Patches;

/// <summary>
/// Reads trailers from a patch's own commit message and from the text of a reply.
/// <code>
/// TrailerParser.ParsePatch("Detect the facility.\n\nReviewed-by: Eric Farman &lt;farman@linux.ibm.com&gt;\nSigned-off-by: Matthew Rosato &lt;mjrosato@linux.ibm.com&gt;\n---\n ...")
/// // [Reviewed-by Eric Farman line 3, Signed-off-by Matthew Rosato line 4]
/// TrailerParser.ParseReply("On 13/05/2022 21.14, Matthew Rosato wrote:\n&gt; Acked-by: Cornelia Huck &lt;cohuck@redhat.com&gt;\n\nReviewed-by: Thomas Huth &lt;thuth@redhat.com&gt;\n")
/// // [Reviewed-by Thomas Huth line 4]: the quoted Acked-by is the patch's, not the reply's
/// </code>
/// </summary>
public static class TrailerParser
{
    private const string GitSignOff = "Signed-off-by: ";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    // A URL holds an '@' too: "https://lore.kernel.org/lkml/62b675ec.wKX6AOZ6cbE71vtF%25lkp@intel.com/".
    private static readonly SearchValues<char> NotInAddress = SearchValues.Create(" \t<>()\",/:");
    private const string GitCherryPick = "(cherry picked from commit ";

    /// <summary>
    /// The trailers of a patch mail's body, by git's rule (trailer.c, as <c>git interpret-trailers</c> applies it):
    /// the message ends at the first <c>---</c> line (or <c>diff --git</c>, <c>Index:</c>), and its trailers are its
    /// last paragraph when every line of it is a <c>Token: value</c> line or a continuation, or when it holds a
    /// <c>Signed-off-by: </c> line and at least a quarter of its lines are trailers. The subject is the title, so
    /// unlike in a commit message the first paragraph of the body can be the trailer block.
    /// </summary>
    public static IReadOnlyList<Trailer> ParsePatch(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (start, firstLine, end) = FindLastParagraph(body);
        if (end <= start)
        {
            return [];
        }

        var block = body.AsSpan(start, end - start);
        return IsTrailerBlock(block) ? ReadBlock(block, firstLine) : [];
    }

    /// <summary>
    /// The trailers a reply gives: unquoted lines anywhere in the text that start, at the first column, with a
    /// <c>*-by:</c> key and an address (<c>Reviewed-by: Thomas Huth &lt;thuth@redhat.com&gt;</c>), <c>Fixes:</c> and a
    /// commit id, or <c>Link:</c>/<c>Closes:</c> and a URL. Never quoted lines (<c>&gt; Reviewed-by:</c>), never mail
    /// header lookalikes (<c>From:</c>, <c>Cc:</c>, <c>Subject:</c>), never the signature, and never a message the
    /// reply pastes (a <c>git format-patch</c> mail up to its <c>-- </c> line, or an Outlook original message).
    /// </summary>
    public static IReadOnlyList<Trailer> ParseReply(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        List<Trailer>? found = null;
        var lineNumber = 0;
        var pasted = false;
        var previousWasHeader = false;
        foreach (var line in body.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (line is "-- " or "--")
            {
                // A pasted format-patch mail ends with "-- \n2.35.1"; the reply's own text may go on after it.
                if (pasted)
                {
                    pasted = false;
                    continue;
                }

                break;
            }

            if (pasted)
            {
                continue;
            }

            if (line.IsEmpty || line[0] == '>' || char.IsWhiteSpace(line[0]))
            {
                previousWasHeader = false;
                continue;
            }

            if (StartsOriginalMessage(line))
            {
                break;
            }

            if (IsFormatPatchSeparator(line))
            {
                pasted = true;
                continue;
            }

            var separator = FindSeparator(line);
            if (separator < 1)
            {
                previousWasHeader = false;
                continue;
            }

            var key = line[..separator].TrimEnd();
            if (TrailerKeys.IsMailHeader(key))
            {
                // One header-like line is an attribution ("From: Christoph Hellwig <hch@lst.de> Sent: Sunday, ...");
                // two in a row are a pasted message ("From: ...\nDate: ...\nSubject: [PATCH] ...") with trailers of its own.
                pasted = previousWasHeader;
                previousWasHeader = true;
                continue;
            }

            previousWasHeader = false;
            if (ReadReplyTrailer(key, line[(separator + 1)..].Trim(), lineNumber) is { } trailer)
            {
                (found ??= []).Add(trailer);
            }
        }

        return found ?? [];
    }

    /// <summary>Whether the trailer's person is the sender: the same address first, else the same name.</summary>
    public static SenderMatch MatchSender(Trailer trailer, Person sender)
    {
        ArgumentNullException.ThrowIfNull(trailer);
        ArgumentNullException.ThrowIfNull(sender);
        if (!string.IsNullOrWhiteSpace(trailer.Email) && !string.IsNullOrWhiteSpace(sender.Email)
            && string.Equals(trailer.Email.Trim(), sender.Email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return SenderMatch.Email;
        }

        if (!string.IsNullOrWhiteSpace(trailer.Name) && !string.IsNullOrWhiteSpace(sender.Name)
            && SameName(trailer.Name, sender.Name))
        {
            return SenderMatch.Name;
        }

        return SenderMatch.None;
    }

    /// <summary>
    /// Whether two names are the same person's name: "Jürgen Groß" is "Jurgen Gross" and also "Juergen Gross", the
    /// way German names are written without umlauts.
    /// </summary>
    internal static bool SameName(string first, string second)
    {
        var plain = NormalizeName(first);
        return plain.Length > 0
            && (plain == NormalizeName(second) || NormalizeName(first, umlautsAsE: true) == NormalizeName(second, umlautsAsE: true));
    }

    /// <summary>
    /// A person's name reduced for comparison: a trailing "(Company)" comment dropped, lower case, accents dropped,
    /// dots and quotes dropped, white space collapsed, and "Tian, Kevin" (as Outlook writes it) turned into "kevin tian".
    /// </summary>
    internal static string NormalizeName(string name, bool umlautsAsE = false)
    {
        // "Russell King (Oracle)" signs "Acked-by: Russell King (Oracle) <rmk+kernel@armlinux.org.uk>".
        if (name.EndsWith(')') && name.LastIndexOf('(') is > 0 and var open)
        {
            name = name[..open];
        }

        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0 && name.IndexOf(',', comma + 1) < 0)
        {
            name = string.Concat(name.AsSpan(comma + 1), " ", name.AsSpan(0, comma));
        }

        var normalized = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var c in name)
        {
            if (umlautsAsE && c == '\u0308')
            {
                normalized.Append('e');
                continue;
            }

            if (c is '.' or '"' or '\'' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = normalized.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                normalized.Append(' ');
                pendingSpace = false;
            }

            if (umlautsAsE && c is 'ä' or 'ö' or 'ü' or 'Ä' or 'Ö' or 'Ü')
            {
                normalized.Append(char.ToLowerInvariant(c) switch { 'ä' => "ae", 'ö' => "oe", _ => "ue" });
                continue;
            }

            AppendFolded(normalized, c);
        }

        return normalized.ToString();
    }

    // Latin-1 Supplement and Latin Extended-A (U+00C0..U+017F) without their accents, one base letter each; '\0'
    // marks the letters that fold to two (Æ, Þ, ß, Ĳ, Œ). A table, because the build runs with InvariantGlobalization
    // and string.Normalize then leaves "é" composed.
    private const string LatinFolds =
        "aaaaaa\0ceeeeiiii" + "dnooooo\u00d7ouuuuy\0\0" + "aaaaaa\0ceeeeiiii" + "dnooooo\u00f7ouuuuy\0y"
        + "aaaaaa" + "cccccccc" + "dddd" + "eeeeeeeeee" + "gggggggg" + "hhhh" + "iiiiiiiiii" + "\0\0" + "jj" + "kkk"
        + "llllllllll" + "nnnnnnnnn" + "oooooo" + "\0\0" + "rrrrrr" + "ssssssss" + "tttttt" + "uuuuuuuuuuuu" + "ww"
        + "yyy" + "zzzzzz" + "s";

    private static void AppendFolded(StringBuilder folded, char c)
    {
        if (c < '\u00c0' || c > '\u017f')
        {
            folded.Append(char.ToLowerInvariant(c));
            return;
        }

        var single = LatinFolds[c - '\u00c0'];
        folded.Append(single != '\0' ? single : c switch
        {
            '\u00c6' or '\u00e6' => "ae",
            '\u00de' or '\u00fe' => "th",
            '\u00df' => "ss",
            '\u0132' or '\u0133' => "ij",
            _ => "oe",
        });
    }

    /// <summary>
    /// The name and address in a trailer value: <c>Jason Gunthorpe &lt;jgg@nvidia.com&gt;</c>, <c>jgg@nvidia.com</c>,
    /// <c>"Huang, Ying" &lt;ying.huang@intel.com&gt;</c>, <c>Name (Company) &lt;a@b&gt;</c> (the comment is not part of
    /// the name), <c>a@b (Name)</c>, <c>stable@vger.kernel.org # 5.10+</c>, or a bare name. Names are taken as
    /// written: a body is already decoded, so there are no RFC 2047 words to undo.
    /// </summary>
    internal static (string? Name, string? Email) ReadPerson(ReadOnlySpan<char> value)
    {
        var open = value.IndexOf('<');
        if (open >= 0)
        {
            // "Reviewed-by: Janosch Frank <frankja@linux.ibm.com" lost its '>' in a v2 resent to linux-s390.
            var inside = value[(open + 1)..];
            var length = inside.IndexOf('>');
            var address = (length < 0 ? inside : inside[..length]).Trim();
            if (IsAddress(address))
            {
                return (CleanName(value[..open]), address.ToString());
            }
        }

        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        var text = (comment >= 0 ? value[..comment] : value).Trim();
        var space = text.IndexOfAny(' ', '\t');
        var first = (space < 0 ? text : text[..space]).Trim("<>,;");
        if (IsAddress(first))
        {
            var rest = space < 0 ? [] : text[space..].Trim();
            var name = rest.Length > 1 && rest[0] == '(' && rest[^1] == ')' ? CleanName(rest[1..^1]) : null;
            return (name, first.ToString());
        }

        return (CleanName(text), null);
    }

    private static bool IsAddress(ReadOnlySpan<char> text)
    {
        var at = text.IndexOf('@');
        return at > 0 && at < text.Length - 1 && !text.ContainsAny(NotInAddress);
    }

    private static string? CleanName(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        // "Name (Company) <a@b>": the parenthesised part is an RFC 5322 comment, not part of the name.
        if (text.Length > 0 && text[^1] == ')' && text.LastIndexOf('(') is > 0 and var open)
        {
            text = text[..open].TrimEnd();
        }

        text = text.Trim().Trim('"').Trim();
        return text.IsEmpty || text.Contains("://", StringComparison.Ordinal) ? null : text.ToString();
    }

    /// <summary>
    /// Where the separating colon of a <c>Token: value</c> line is, the way git's find_separator sees it: ASCII
    /// letters, digits and '-', optional blanks, then ':'. -1 when the line is not trailer-shaped.
    /// </summary>
    private static int FindSeparator(ReadOnlySpan<char> line)
    {
        var whitespaceFound = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == ':')
            {
                return i;
            }

            if (!whitespaceFound && (char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                continue;
            }

            if (i != 0 && c is ' ' or '\t')
            {
                whitespaceFound = true;
                continue;
            }

            break;
        }

        return -1;
    }

    /// <summary>
    /// The offset and 1-based line of the last paragraph of the commit message, and the offset where its text ends
    /// (before trailing blank lines and the patch divider).
    /// </summary>
    private static (int Start, int FirstLine, int End) FindLastParagraph(string body)
    {
        // Walked by hand rather than with EnumerateLines: the block is sliced out of the body by offset afterwards.
        int offset = 0, lineNumber = 0, start = 0, firstLine = 1, end = 0;
        var afterBlank = true;
        while (offset < body.Length)
        {
            var newline = body.IndexOf('\n', offset);
            var lineEnd = newline < 0 ? body.Length : newline;
            var line = body.AsSpan(offset, lineEnd - offset).TrimEnd('\r');
            lineNumber++;
            if (IsPatchDivider(line))
            {
                break;
            }

            if (line.IsWhiteSpace())
            {
                afterBlank = true;
            }
            else
            {
                if (afterBlank)
                {
                    start = offset;
                    firstLine = lineNumber;
                }

                afterBlank = false;
                end = offset + line.Length;
            }

            offset = lineEnd + 1;
        }

        return (start, firstLine, end);
    }

    /// <summary>
    /// git am ends the message at "---" followed by white space or the line end, and a patch sent without that
    /// divider at its first "diff -" or "Index: " line.
    /// </summary>
    private static bool IsPatchDivider(ReadOnlySpan<char> line)
        => (line.StartsWith("---") && (line.Length == 3 || char.IsWhiteSpace(line[3])))
            || line.StartsWith("diff --git ") || line.StartsWith("Index: ");

    /// <summary>git's find_trailer_block_start test, applied to one paragraph read from its first line on.</summary>
    private static bool IsTrailerBlock(ReadOnlySpan<char> block)
    {
        int trailers = 0, others = 0;
        var recognized = false;
        var afterTrailer = false;
        foreach (var line in block.EnumerateLines())
        {
            if (line.StartsWith(GitSignOff, StringComparison.Ordinal) || line.StartsWith(GitCherryPick, StringComparison.Ordinal))
            {
                trailers++;
                recognized = true;
                afterTrailer = true;
            }
            else if (FindSeparator(line) >= 1 && !char.IsWhiteSpace(line[0]))
            {
                trailers++;
                afterTrailer = true;
            }
            else if (line.Length > 0 && char.IsWhiteSpace(line[0]))
            {
                // git counts a continuation line as part of the trailer above it, and as prose anywhere else.
                others += afterTrailer ? 0 : 1;
            }
            else
            {
                others++;
                afterTrailer = false;
            }
        }

        return (recognized && trailers * 3 >= others) || (trailers > 0 && others == 0);
    }

    private static List<Trailer> ReadBlock(ReadOnlySpan<char> block, int firstLine)
    {
        var trailers = new List<Trailer>();
        string? key = null;
        string? value = null;
        var keyLine = 0;
        var lineNumber = firstLine - 1;
        foreach (var line in block.EnumerateLines())
        {
            lineNumber++;
            if (line.Length > 0 && char.IsWhiteSpace(line[0]))
            {
                if (key is not null)
                {
                    value = value!.Length == 0 ? line.Trim().ToString() : string.Concat(value, " ", line.Trim());
                }

                continue;
            }

            Flush();
            var separator = FindSeparator(line);
            if (separator < 1)
            {
                continue;
            }

            key = TrailerKeys.Canonical(line[..separator].TrimEnd());
            value = line[(separator + 1)..].Trim().ToString();
            keyLine = lineNumber;
        }

        Flush();
        return trailers;

        void Flush()
        {
            // git counts "https://lore..." as a trailer named "https"; it is a link that happened to be there.
            if (key is not null && value!.Length > 0 && !value.StartsWith("//", StringComparison.Ordinal))
            {
                var (name, email) = TrailerKeys.NamesPerson(key) ? ReadPerson(value) : (null, null);
                trailers.Add(new Trailer(key, value, name, email, keyLine));
            }

            key = null;
            value = null;
        }
    }

    /// <summary>
    /// A reply trailer when the key is one a reviewer gives and the value has the shape that key needs: an address
    /// for a person ("Reviewed-by: tags are collected by b4" is prose), a commit id for Fixes ("Fixes: tag?" is a
    /// wrapped question, seen in a reply from Andrew Morton), a URL for Link and Closes.
    /// </summary>
    private static Trailer? ReadReplyTrailer(ReadOnlySpan<char> key, ReadOnlySpan<char> value, int lineNumber)
    {
        if (TrailerKeys.IsPersonKey(key))
        {
            var (name, email) = ReadPerson(value);
            return email is null ? null : new Trailer(TrailerKeys.Canonical(key), value.ToString(), name, email, lineNumber);
        }

        var type = TrailerKeys.Canonical(key);
        var shaped = type switch
        {
            "Fixes" => IsCommitReference(value),
            "Link" or "Closes" => value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
        return shaped ? new Trailer(type, value.ToString(), null, null, lineNumber) : null;
    }

    /// <summary><c>846e344eb722 ("net/smc: add receive timeout check")</c>: 7 to 40 hex digits, then a blank or the end.</summary>
    private static bool IsCommitReference(ReadOnlySpan<char> value)
    {
        var digits = value.IndexOfAnyExcept(HexDigits);
        var length = digits < 0 ? value.Length : digits;
        return length is >= 7 and <= 40 && (digits < 0 || char.IsWhiteSpace(value[digits]));
    }

    /// <summary>The first line of a <c>git format-patch</c> mail: <c>From &lt;sha1&gt; Mon Sep 17 00:00:00 2001</c>.</summary>
    private static bool IsFormatPatchSeparator(ReadOnlySpan<char> line)
        => line.StartsWith("From ") && line.EndsWith(" Mon Sep 17 00:00:00 2001") && line.Length == 5 + 40 + 25
            && !line.Slice(5, 40).ContainsAnyExcept(HexDigits);

    /// <summary>
    /// Outlook and webmail put the replied-to message below such a line, unquoted: everything after it is theirs.
    /// <c>-----Original Message-----</c>, <c>-------- Forwarded Message --------</c>, a line of underscores.
    /// </summary>
    private static bool StartsOriginalMessage(ReadOnlySpan<char> line)
        => (line.StartsWith("-----") && (line.Contains("Original Message", StringComparison.OrdinalIgnoreCase)
                || line.Contains("Forwarded Message", StringComparison.OrdinalIgnoreCase)))
            || (line.Length >= 16 && !line.ContainsAnyExcept('_'));
}
