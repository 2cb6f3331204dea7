using System.Text;

namespace PatchReview.Web.Components.Shared;

public enum MailRunKind
{
    Text,
    Added,
    Removed,
    Hunk,
    DiffHeader,
    Signature,
}

/// <summary>Consecutive lines of one kind, without the final line break.</summary>
public sealed record MailRun(MailRunKind Kind, string Text);

/// <summary>
/// A stretch of a body: either the sender's own text as runs (prose, diff lines, signature),
/// or quoted lines, shown as the first line (<see cref="Summary"/>) and the rest (<see cref="Rest"/>).
/// </summary>
public sealed record MailSection(bool IsQuote, bool Folded, int Lines, IReadOnlyList<MailRun> Runs, string Summary, string Rest);

/// <summary>
/// Cuts a mail body into what a page shows: quotes (lines starting with <c>&gt;</c>, any depth) apart from new text,
/// and in a patch the diff lines apart from the prose. One pass over the lines; one string per run, none per line.
/// </summary>
public static class MailText
{
    /// <summary>A quote longer than this is folded, all but its last <see cref="QuoteContextLines"/> lines.</summary>
    public const int FoldQuotesOver = 12;

    /// <summary>The end of a long quote is what the reply answers, so it stays open.</summary>
    public const int QuoteContextLines = 4;

    public static IReadOnlyList<MailSection> Split(string body, bool isFlowed)
    {
        var text = isFlowed ? Unflow(body) : body;
        // Trailing blank lines show nothing; trimming by length avoids copying the body.
        var limit = text.AsSpan().TrimEnd("\r\n").Length;
        var sections = new List<MailSection>();
        if (limit == 0)
        {
            return sections;
        }

        var runs = new List<MailRun>();
        var section = default(Lines);
        var run = default(Lines);
        var runKind = MailRunKind.Text;
        var inDiff = false;
        var inSignature = false;
        // Lines are walked by offset rather than with EnumerateLines because runs are cut out of the body by offset.
        for (var start = 0; ; start = NextLineStart(text, start))
        {
            var end = LineEnd(text, start, limit);
            var line = text.AsSpan(start, end - start);
            var isQuote = line.StartsWith('>');
            if (section.Count > 0 && isQuote != section.IsQuote)
            {
                EndSection();
            }
            if (!isQuote)
            {
                var kind = Classify(line, ref inDiff, ref inSignature);
                if (run.Count > 0 && kind != runKind)
                {
                    runs.Add(new MailRun(runKind, run.Cut(text)));
                    run = default;
                }
                runKind = kind;
                run.Add(start, end, isQuote: false);
            }
            section.Add(start, end, isQuote);
            if (end >= limit)
            {
                break;
            }
        }
        EndSection();
        return sections;

        void EndSection()
        {
            if (section.IsQuote)
            {
                AddQuote(sections, text, section);
            }
            else
            {
                runs.Add(new MailRun(runKind, run.Cut(text)));
                sections.Add(new MailSection(false, false, section.Count, runs, "", ""));
                runs = [];
                run = default;
            }
            section = default;
        }
    }

    static MailRunKind Classify(ReadOnlySpan<char> line, ref bool inDiff, ref bool inSignature)
    {
        // "-- " alone is the signature separator (RFC 3676 4.3); git format-patch ends every patch with it.
        if (line is "-- ")
        {
            inDiff = false;
            inSignature = true;
            return MailRunKind.Signature;
        }
        if (inSignature)
        {
            return MailRunKind.Signature;
        }
        if (line.StartsWith("diff --git "))
        {
            inDiff = true;
            return MailRunKind.DiffHeader;
        }
        if (!inDiff || line.IsEmpty)
        {
            return MailRunKind.Text;
        }
        if (line.StartsWith("@@"))
        {
            return MailRunKind.Hunk;
        }
        if (line.StartsWith("+++ ") || line.StartsWith("--- ") || line.StartsWith("index ") || line.StartsWith("new file mode")
            || line.StartsWith("deleted file mode") || line.StartsWith("similarity index") || line.StartsWith("rename ")
            || line.StartsWith("old mode") || line.StartsWith("new mode") || line.StartsWith("Binary files"))
        {
            return MailRunKind.DiffHeader;
        }
        return line[0] switch
        {
            '+' => MailRunKind.Added,
            '-' => MailRunKind.Removed,
            _ => MailRunKind.Text,
        };
    }

    static void AddQuote(List<MailSection> sections, string text, Lines quote)
    {
        if (quote.Count <= FoldQuotesOver)
        {
            AddQuote(sections, text, quote, folded: false);
            return;
        }
        var headLines = quote.Count - QuoteContextLines;
        var tailStart = quote.Start;
        for (var i = 0; i < headLines; i++)
        {
            tailStart = NextLineStart(text, tailStart);
        }
        AddQuote(sections, text, new Lines(quote.Start, HeadEnd(text, tailStart), headLines, true), folded: true);
        AddQuote(sections, text, new Lines(tailStart, quote.End, QuoteContextLines, true), folded: false);
    }

    // The head of a split quote ends where the line break before the tail starts.
    static int HeadEnd(string text, int tailStart)
    {
        var end = tailStart - 1;
        return end > 0 && text[end] == '\n' && text[end - 1] == '\r' ? end - 1 : end;
    }

    static void AddQuote(List<MailSection> sections, string text, Lines quote, bool folded)
    {
        var firstEnd = LineEnd(text, quote.Start, quote.End);
        var summary = text[quote.Start..firstEnd];
        var rest = firstEnd >= quote.End ? "" : text[NextLineStart(text, quote.Start)..quote.End];
        sections.Add(new MailSection(true, folded, quote.Count, [], summary, rest));
    }

    /// <summary>Where the line starting at <paramref name="start"/> ends, before its line break, at most <paramref name="limit"/>.</summary>
    static int LineEnd(string text, int start, int limit)
    {
        var length = text.AsSpan(start, limit - start).IndexOfAny('\r', '\n');
        return length < 0 ? limit : start + length;
    }

    static int NextLineStart(string text, int start)
    {
        var end = LineEnd(text, start, text.Length);
        return end + (end + 1 < text.Length && text[end] == '\r' && text[end + 1] == '\n' ? 2 : 1);
    }

    /// <summary>
    /// Joins format=flowed soft line breaks (RFC 3676 4.2: a line ending in a space goes on with the next line of the
    /// same quote depth), so the browser wraps paragraphs to the page. Thunderbird sends its replies this way.
    /// </summary>
    static string Unflow(string body)
    {
        var output = new StringBuilder(body.Length);
        var joining = false;
        var joinDepth = 0;
        foreach (var line in body.AsSpan().EnumerateLines())
        {
            var depth = line.Length - line.TrimStart('>').Length;
            var content = line[depth..];
            // Space-stuffing (RFC 3676 4.4): one space after the quote marks is not content.
            if (depth > 0 && content.StartsWith(' '))
            {
                content = content[1..];
            }
            if (joining && depth == joinDepth)
            {
                output.Append(content);
            }
            else
            {
                if (joining)
                {
                    output.Append('\n');
                }
                output.Append(line);
            }
            joining = line.EndsWith(' ') && content is not "-- ";
            joinDepth = depth;
            if (!joining)
            {
                output.Append('\n');
            }
        }
        return output.ToString();
    }

    /// <summary>A run of whole lines, as offsets into the body.</summary>
    record struct Lines(int Start, int End, int Count, bool IsQuote)
    {
        public void Add(int start, int end, bool isQuote)
        {
            if (Count == 0)
            {
                Start = start;
                IsQuote = isQuote;
            }
            End = end;
            Count++;
        }

        public readonly string Cut(string text) => text[Start..End];
    }
}
