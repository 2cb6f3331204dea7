using System.Text.RegularExpressions;

namespace PatchReview.Core.Review;

/// <summary>What a block of a reply is.</summary>
public enum ReplyBlockKind
{
    /// <summary>Text the sender wrote (depth 0), or that the quoted message's sender wrote at its own level.</summary>
    Text,
    /// <summary>"On 4/27/22 11:01 AM, Jason Gunthorpe wrote:": who wrote the quote below it.</summary>
    Attribution,
    /// <summary>From the "-- " line on.</summary>
    Signature,
}

/// <summary>
/// A run of lines at one quote depth. Depth 0 is the sender's own new text; depth n is what the reply quotes n levels
/// deep. <see cref="Author"/> is the name an attribution line gives, for an attribution block.
/// </summary>
public sealed record ReplyBlock(ReplyBlockKind Kind, int Depth, string Text, int FirstLine, string? Author);

/// <summary>
/// Splits a reply into blocks of new text, quoted text by depth, attribution lines and the signature. Flowed text is
/// unflowed first. Example, the zPCI reply <c>1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com</c>: an attribution
/// to Jason Gunthorpe, his text at depth 1, an attribution to Matthew Rosato at depth 1 over his text at depth 2,
/// Jason again at depth 3 and the patch at depth 4, then Matthew's new text at depth 0.
/// </summary>
public static partial class QuoteSplitter
{
    public static IReadOnlyList<ReplyBlock> Split(string body, bool isFlowed, bool delSp)
    {
        var reply = Read(body, isFlowed, delSp);
        var lines = reply.Lines;
        var attribution = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            attribution[i] = IsAttribution(reply, i);
        }
        var blocks = new List<ReplyBlock>();
        var start = 0;
        for (var i = 0; i <= lines.Count; i++)
        {
            var boundary = i == lines.Count || lines[i].Depth != lines[start].Depth
                || IsSignature(reply, i) || attribution[i] || (i > start && attribution[i - 1]);
            if (!boundary || i == start)
            {
                continue;
            }
            blocks.Add(Block(reply, start, i));
            start = i;
        }
        return Merge(blocks);
    }

    /// <summary>
    /// The keys (<see cref="QuoteAttributor.Key(string)"/>) of the lines a message wrote itself, at depth 0, in order:
    /// what a later reply may quote of it. They are returned end to end in one string, with where each line's key is in
    /// it. A patch is mostly its own text, and read this way it is never copied into blocks, nor into a string a line.
    /// </summary>
    public static (string Keys, List<(int Start, int Length)> Lines) OwnLineKeys(string body, bool isFlowed, bool delSp)
    {
        var reply = Read(body, isFlowed, delSp);
        using var keys = LineKeys.For(reply.Text);
        for (var i = 0; i < reply.Lines.Count; i++)
        {
            if (reply.Lines[i].Depth == 0)
            {
                keys.Add(reply.Content(i));
            }
        }
        return (keys.Joined(), keys.Lines);
    }

    /// <summary>Whether any line of the message is quoted: most patches and many replies quote nothing.</summary>
    public static bool HasQuotedLines(string body, bool isFlowed, bool delSp)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = isFlowed ? FlowedText.Unflow(body, delSp) : body;
        // A scan, not a split: most of what is asked is a patch, and its answer is no.
        var barLines = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (QuoteDepth.Of(line, out _) > 0)
            {
                return true;
            }
            barLines = line.StartsWith('|') ? barLines + 1 : 0;
            if (barLines == 2)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The lines of a message, unflowed, with their depths; trailing blank lines dropped, "|" quotes marked.</summary>
    static Reply Read(string body, bool isFlowed, bool delSp)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = isFlowed ? FlowedText.Unflow(body, delSp) : body;
        // Lines are kept as ranges of the text: only a block's text, once joined, becomes a string.
        var lines = new List<Line>(text.AsSpan().Count('\n') + 1);
        var offset = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var depth = QuoteDepth.Of(line, out var content);
            var skipped = line.Length - content.Length + (depth > 0 && content.StartsWith(' ') ? 1 : 0);
            lines.Add(new Line(depth, offset + skipped, line.Length - skipped));
            // EnumerateLines gives each line as a slice of the text: the next starts after this one's line break.
            offset += line.Length;
            if (offset < text.Length)
            {
                offset += text.AsSpan(offset).StartsWith("\r\n") ? 2 : 1;
            }
        }
        var reply = new Reply(text, lines);
        while (lines.Count > 0 && reply.Content(lines.Count - 1).IsWhiteSpace())
        {
            lines.RemoveAt(lines.Count - 1);
        }
        MarkBarQuotes(reply);
        return reply;
    }

    /// <summary>A line of the reply: its quote depth and where its content (markers removed) lies in the text.</summary>
    readonly record struct Line(int Depth, int Start, int Length);

    sealed record Reply(string Text, List<Line> Lines)
    {
        public ReadOnlySpan<char> Content(int i) => Text.AsSpan(Lines[i].Start, Lines[i].Length);
    }

    /// <summary>
    /// A few mailers quote with "| " instead of "&gt; ". Two or more such lines in a row at depth 0 are read as one level
    /// of quote, so that the quoted words are not taken for the sender's own; a lone "|" line is text (a diagram).
    /// </summary>
    static void MarkBarQuotes(Reply reply)
    {
        var lines = reply.Lines;
        for (var start = 0; start < lines.Count;)
        {
            var end = start;
            while (end < lines.Count && lines[end].Depth == 0 && reply.Content(end).StartsWith('|'))
            {
                end++;
            }
            if (end - start >= 2)
            {
                for (var i = start; i < end; i++)
                {
                    var skip = reply.Content(i)[1..].StartsWith(' ') ? 2 : 1;
                    lines[i] = new Line(1, lines[i].Start + skip, lines[i].Length - skip);
                }
            }
            start = Math.Max(end, start + 1);
        }
    }

    static bool IsSignature(Reply reply, int i) => i < reply.Lines.Count && reply.Content(i) is "-- ";

    /// <summary>An attribution line introduces a quote one level deeper on the next non-blank line.</summary>
    static bool IsAttribution(Reply reply, int i)
    {
        var lines = reply.Lines;
        if (i >= lines.Count || !MayBeAttribution(reply.Content(i)) || !Attribution().IsMatch(reply.Content(i)))
        {
            return false;
        }
        for (var next = i + 1; next < lines.Count; next++)
        {
            if (!reply.Content(next).IsWhiteSpace() || lines[next].Depth != lines[i].Depth)
            {
                return lines[next].Depth == lines[i].Depth + 1;
            }
        }
        return false;
    }

    /// <summary>Every attribution form ends in a colon but "Quoting Name (date)": a cheap test before the expression.</summary>
    static bool MayBeAttribution(ReadOnlySpan<char> line) =>
        line.TrimEnd().EndsWith(':') || line.StartsWith("Quoting ", StringComparison.Ordinal);

    static ReplyBlock Block(Reply reply, int start, int end)
    {
        var depth = reply.Lines[start].Depth;
        var content = Join(reply, start, end);
        if (IsSignature(reply, start))
        {
            return new ReplyBlock(ReplyBlockKind.Signature, depth, content, start + 1, null);
        }
        if (end - start == 1 && MayBeAttribution(content) && Attribution().Match(content) is { Success: true } match)
        {
            var name = match.Groups["name"];
            return new ReplyBlock(ReplyBlockKind.Attribution, depth, content, start + 1, name.Success ? NameOnly(name.Value) : null);
        }
        if (OutlookHeaders(content) is { } sender)
        {
            return new ReplyBlock(ReplyBlockKind.Attribution, depth, content, start + 1, NameOnly(sender));
        }
        return new ReplyBlock(ReplyBlockKind.Text, depth, content, start + 1, null);
    }

    /// <summary>The contents of lines <paramref name="start"/> to <paramref name="end"/>, one a line, less empty lines at either end.</summary>
    static string Join(Reply reply, int start, int end)
    {
        while (start < end && reply.Lines[start].Length == 0)
        {
            start++;
        }
        while (end > start && reply.Lines[end - 1].Length == 0)
        {
            end--;
        }
        if (start == end)
        {
            return "";
        }
        var length = end - start - 1;
        for (var i = start; i < end; i++)
        {
            length += reply.Lines[i].Length;
        }
        return string.Create(length, (reply, start, end), static (into, range) =>
        {
            var (reply, start, end) = range;
            for (var i = start; i < end; i++)
            {
                reply.Content(i).CopyTo(into);
                into = into[reply.Lines[i].Length..];
                if (i < end - 1)
                {
                    into[0] = '\n';
                    into = into[1..];
                }
            }
        });
    }

    /// <summary>
    /// Outlook heads a quote with the quoted mail's headers instead of an attribution line; seen on the list as
    /// "From: Jason Gunthorpe &lt;jgg@nvidia.com&gt;" / "Sent: Thursday, March 17, 2022 9:52 PM" over a deeper quote.
    /// Returns the sender when every line of the block is such a header and the first is From.
    /// </summary>
    static string? OutlookHeaders(string block)
    {
        // Most blocks are not headers, and some are whole quoted patches: look at the first line before splitting.
        if (!block.StartsWith("From:", StringComparison.Ordinal))
        {
            return null;
        }
        var lines = block.Split('\n').Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        return lines.Count > 0 && lines.All(l => MailHeaderLine().IsMatch(l)) && lines[0].StartsWith("From:", StringComparison.Ordinal)
            ? lines[0]["From:".Length..].Trim()
            : null;
    }

    /// <summary>"Jason Gunthorpe &lt;jgg@nvidia.com&gt;" and "Jason Gunthorpe (jgg@nvidia.com)" name Jason Gunthorpe.</summary>
    static string? NameOnly(string? author)
    {
        if (string.IsNullOrWhiteSpace(author))
        {
            return null;
        }
        var cut = author.AsSpan().IndexOfAny('<', '(', '[');
        var name = (cut > 0 ? author[..cut] : author).Trim().Trim(NameQuotes);
        return name.Length == 0 ? null : name;
    }

    static readonly char[] NameQuotes = ['"', '\'', ','];

    /// <summary>A signature runs to the end of the reply; blank blocks between two of one depth are dropped.</summary>
    static List<ReplyBlock> Merge(List<ReplyBlock> blocks)
    {
        var result = new List<ReplyBlock>();
        var signature = blocks.FindIndex(b => b.Kind == ReplyBlockKind.Signature && b.Depth == 0);
        for (var i = 0; i < blocks.Count; i++)
        {
            if (signature >= 0 && i > signature)
            {
                result[^1] = result[^1] with { Text = result[^1].Text + "\n" + blocks[i].Text };
                continue;
            }
            if (blocks[i].Text.Length == 0 && blocks[i].Kind == ReplyBlockKind.Text)
            {
                continue;
            }
            result.Add(blocks[i]);
        }
        return result;
    }

    // "On 4/27/22 11:01 AM, Jason Gunthorpe wrote:", "On Wed, Apr 27, 2022 at 10:42:07AM -0400, Matthew Rosato wrote:",
    // "Jason Gunthorpe <jgg@nvidia.com> writes:", "Quoting Jason Gunthorpe (2022-04-27 17:01:00)",
    // "Am 27.04.22 um 17:01 schrieb Christian Borntraeger:", "Le 27/04/2022 à 17:01, Pierre Morel a écrit :".
    [GeneratedRegex(
        @"^(?:On\s.*?,\s+(?<name>[^,]+?)\s+wrote:\s*$|On\s.*?\bwrote:\s*$|(?<name>.+?)\s+(?:writes|wrote):\s*$|Quoting\s+(?<name>.+?)(?:\s+\(.*\))?:?\s*$|Am\s.*?\s+schrieb\s+(?<name>.+?):\s*$|Le\s.*?,\s*(?<name>.+?)\s+a\s+écrit\s*:\s*$)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^(?:From|Sent|Date|To|Cc|Subject):\s", RegexOptions.CultureInvariant)]
    private static partial Regex MailHeaderLine();
}
