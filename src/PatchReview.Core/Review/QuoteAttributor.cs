using System.Buffers;
using System.Text.RegularExpressions;
using PatchReview.Core.Mail;

namespace PatchReview.Core.Review;

/// <summary>
/// An earlier message a reply may quote: one of its ancestors. What it wrote itself is its lines at depth 0: all of a
/// patch or cover letter, the new text of a reply (<see cref="QuoteSplitter.OwnLineKeys"/>).
/// </summary>
public sealed class QuoteCandidate(string messageId, Person author, string body, bool isFlowed = false, bool delSp = false)
{
    string? _keys;
    HashSet<(int Start, int Length)>? _lines;

    public string MessageId { get; } = messageId;
    public Person Author { get; } = author;

    /// <summary>
    /// Whether this message wrote the quoted line: the line as it was (a set lookup), else a piece of a line it was
    /// re-wrapped from (a scan of all its own text, only for lines that are not found whole). Both are made from one
    /// reading of the body: a line a grandparent wrote is looked for in the parent first, so most candidates need both.
    /// </summary>
    internal bool Wrote(ReadOnlySpan<char> lineKey)
    {
        if (_lines is null)
        {
            var (keys, lines) = QuoteSplitter.OwnLineKeys(body, isFlowed, delSp);
            _keys = keys;
            _lines = new HashSet<(int Start, int Length)>(lines, new KeyRanges(keys));
        }
        return _lines.GetAlternateLookup<ReadOnlySpan<char>>().Contains(lineKey) || _keys.AsSpan().Contains(lineKey, StringComparison.Ordinal);
    }

    /// <summary>Lines' keys as ranges of the string that holds them all, equal when their characters are.</summary>
    sealed class KeyRanges(string keys) : IEqualityComparer<(int Start, int Length)>, IAlternateEqualityComparer<ReadOnlySpan<char>, (int Start, int Length)>
    {
        ReadOnlySpan<char> Of((int Start, int Length) range) => keys.AsSpan(range.Start, range.Length);

        public bool Equals((int Start, int Length) x, (int Start, int Length) y) => Of(x).SequenceEqual(Of(y));

        public int GetHashCode((int Start, int Length) range) => string.GetHashCode(Of(range));

        public bool Equals(ReadOnlySpan<char> alternate, (int Start, int Length) other) => alternate.SequenceEqual(Of(other));

        public int GetHashCode(ReadOnlySpan<char> alternate) => string.GetHashCode(alternate);

        /// <summary>The set is only ever searched by span: what it holds are ranges of the one string.</summary>
        public (int Start, int Length) Create(ReadOnlySpan<char> alternate) => throw new NotSupportedException();
    }
}

/// <summary>Why a quoted block has no source message.</summary>
public enum QuoteSourceProblem
{
    None,
    /// <summary>The reply answers a message the archive does not hold, and no held ancestor wrote the quote.</summary>
    NotInArchive,
    /// <summary>Every ancestor is held, and none of them wrote the quoted text.</summary>
    NoMatch,
}

/// <summary>A block of a reply with whose words it is: the sender's own at depth 0, else the earlier message quoted.</summary>
public sealed record AttributedBlock(ReplyBlock Block, string? SourceMessageId, Person? Author, QuoteSourceProblem Problem);

/// <summary>
/// Finds, for each quoted block of a reply, the ancestor whose own text it is, by content: every quoted line must be
/// a piece of that text once white space is ignored, so re-wrapping, flowed text and trimmed quotes still match.
/// The attribution line is only a hint a reader sees; it decides nothing. Example, the zPCI reply
/// <c>1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com</c>: depth 1 is Jason Gunthorpe's
/// <c>20220427150138.GA2512703@nvidia.com</c>, depth 2 Matthew Rosato's <c>f6c78792-…@linux.ibm.com</c>, depth 3
/// Jason's <c>20220427140410.GX2125828@nvidia.com</c> and depth 4 the patch itself.
/// </summary>
public static partial class QuoteAttributor
{
    /// <summary>Share of a block's quoted characters an ancestor must have written to be its source.</summary>
    const double MinimumShare = 0.6;

    /// <summary>Lines shorter than this ("}", "+", "Jason") match almost anywhere and decide nothing on their own.</summary>
    internal const int SignificantLength = 4;

    /// <param name="blocks">The reply's blocks, from <see cref="QuoteSplitter.Split"/>.</param>
    /// <param name="messageId">The reply's own Message-ID: the source of its depth-0 blocks.</param>
    /// <param name="sender">The reply's sender.</param>
    /// <param name="ancestors">Its held ancestors, parent first.</param>
    /// <param name="chainComplete">False when the walk to the thread's root met a message the archive lacks.</param>
    public static IReadOnlyList<AttributedBlock> Attribute(IReadOnlyList<ReplyBlock> blocks, string messageId, Person sender,
        IReadOnlyList<QuoteCandidate> ancestors, bool chainComplete)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(ancestors);
        var sources = new QuoteCandidate?[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is { Depth: > 0 } quoted && IsWords(quoted))
            {
                sources[i] = BestSource(quoted, ancestors);
            }
        }

        var result = new AttributedBlock[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Depth == 0)
            {
                result[i] = new AttributedBlock(block, messageId, sender, QuoteSourceProblem.None);
                continue;
            }
            // An attribution, a signature, a cut ("[...]") or blank lines inside a quote belong to whoever wrote the text around them.
            var source = IsWords(block) ? sources[i] : NeighbourSource(blocks, sources, i);
            result[i] = source is null
                ? new AttributedBlock(block, null, null, chainComplete ? QuoteSourceProblem.NoMatch : QuoteSourceProblem.NotInArchive)
                : new AttributedBlock(block, source.MessageId, source.Author, QuoteSourceProblem.None);
        }
        return result;
    }

    static QuoteCandidate? BestSource(ReplyBlock quoted, IReadOnlyList<QuoteCandidate> ancestors)
    {
        using var keys = LineKeys.Of(quoted.Text, skipTrimMarks: true);
        var lines = keys.Lines;
        if (lines.Any(k => k.Length >= SignificantLength))
        {
            lines.RemoveAll(k => k.Length < SignificantLength);
        }
        var total = 0;
        foreach (var (_, length) in lines)
        {
            total += length;
        }
        if (total == 0)
        {
            return null;
        }

        // The ancestor the depth points at (parent for depth 1) first: it is the source of most quotes, and when it
        // wrote every line no other can do better, so the rest are not scanned.
        var expected = Math.Min(quoted.Depth, ancestors.Count) - 1;
        QuoteCandidate? best = null;
        var bestScore = 0.0;
        foreach (var a in Enumerable.Range(0, ancestors.Count).OrderBy(a => a == expected ? -1 : a))
        {
            var wrote = 0;
            foreach (var line in lines)
            {
                wrote += ancestors[a].Wrote(keys[line]) ? line.Length : 0;
            }
            var score = (double)wrote / total;
            if (score > bestScore)
            {
                (best, bestScore) = (ancestors[a], score);
            }
            if (bestScore == 1.0)
            {
                break;
            }
        }
        return bestScore >= MinimumShare ? best : null;
    }

    /// <summary>The source of the nearest text block at the same depth, first below, then above, within the same quote.</summary>
    static QuoteCandidate? NeighbourSource(IReadOnlyList<ReplyBlock> blocks, QuoteCandidate?[] sources, int index)
    {
        var depth = blocks[index].Depth;
        for (var i = index + 1; i < blocks.Count && blocks[i].Depth >= depth; i++)
        {
            if (blocks[i].Depth == depth && IsWords(blocks[i]))
            {
                return sources[i];
            }
        }
        for (var i = index - 1; i >= 0 && blocks[i].Depth >= depth; i--)
        {
            if (blocks[i].Depth == depth && IsWords(blocks[i]))
            {
                return sources[i];
            }
        }
        return null;
    }

    /// <summary>A text block with something to match: not only blank lines and cuts.</summary>
    static bool IsWords(ReplyBlock block)
    {
        if (block.Kind != ReplyBlockKind.Text)
        {
            return false;
        }
        foreach (var line in block.Text.AsSpan().EnumerateLines())
        {
            if (!line.IsWhiteSpace() && !IsTrimMark(line))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The text with all white space removed: what survives re-wrapping, flowed text and tab expansion.</summary>
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Build('\0', text, text);
    }

    /// <summary>The key of a line read in place, with no string made of the line itself.</summary>
    public static string Key(ReadOnlySpan<char> text) => Build('\0', text, null);

    /// <summary>
    /// The key of a diff line, its marker (<c>+</c>, <c>-</c>) then its text: the marker is kept, so that an added
    /// line and the same text removed stay apart. A context line's marker is a space and no part of its key.
    /// </summary>
    internal static string Key(char marker, ReadOnlySpan<char> text) => Build(char.IsWhiteSpace(marker) ? '\0' : marker, text, null);

    /// <summary>Lines longer than this are keyed in a rented buffer rather than on the stack.</summary>
    const int StackKeyLength = 256;

    /// <summary>
    /// The key in one pass over the text. Every patch line and quoted line of a thread gets one, so this is among the
    /// busiest code of the review analysis. <paramref name="whole"/> is the text as a string when there is one: a text
    /// without white space (and without marker) is its own key and is not copied.
    /// </summary>
    static string Build(char marker, ReadOnlySpan<char> text, string? whole)
    {
        char[]? rented = null;
        var buffer = text.Length < StackKeyLength
            ? stackalloc char[StackKeyLength]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length + 1));
        var at = Write(marker, text, buffer);
        var key = at == 0 ? "" : whole is not null && at == whole.Length ? whole : new string(buffer[..at]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
        return key;
    }

    /// <summary>Writes the key into <paramref name="destination"/>, which has room for the text and the marker; returns its length.</summary>
    internal static int Write(char marker, ReadOnlySpan<char> text, Span<char> destination)
    {
        var at = 0;
        if (marker != '\0')
        {
            destination[at++] = marker;
        }
        foreach (var c in text)
        {
            // From '!' to U+0084 nothing is white space: most characters of a line are decided without the table.
            if ((uint)(c - '!') < '\u0085' - '!' || !char.IsWhiteSpace(c))
            {
                destination[at++] = c;
            }
        }
        return at;
    }

    /// <summary>"[...]", "[ ... ]", "&lt;snip&gt;", "[snip]", "...": where the replier cut the quote.</summary>
    public static bool IsTrimMark(string line) => TrimMark().IsMatch(line);

    /// <inheritdoc cref="IsTrimMark(string)"/>
    public static bool IsTrimMark(ReadOnlySpan<char> line) => TrimMark().IsMatch(line);

    [GeneratedRegex(@"^\s*(?:\[\s*(?:\.\.\.|…|snip(?:ped)?)\s*\]|<\s*snip(?:ped)?\s*>|\.\.\.|…)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrimMark();
}

/// <summary>
/// The keys (<see cref="QuoteAttributor.Key(string)"/>) of a text's lines, blank lines and, when asked, cuts left out,
/// held in one buffer from the pool until disposed. A thread's quotes repeat the same lines reply after reply, and a
/// string for each quoted line's key was a fifteenth of all the review analysis allocated.
/// </summary>
internal readonly struct LineKeys : IDisposable
{
    readonly char[] _chars;

    LineKeys(char[] chars, List<(int Start, int Length)> lines) => (_chars, Lines) = (chars, lines);

    /// <summary>Where each line's key is in the buffer, in order.</summary>
    public List<(int Start, int Length)> Lines { get; }

    public ReadOnlySpan<char> this[(int Start, int Length) line] => _chars.AsSpan(line.Start, line.Length);

    public static LineKeys Of(string text, bool skipTrimMarks = false)
    {
        var keys = For(text);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (!(skipTrimMarks && QuoteAttributor.IsTrimMark(line)))
            {
                keys.Add(line);
            }
        }
        return keys;
    }

    /// <summary>Room for the keys of the lines of <paramref name="text"/>, added one by one (<see cref="Add"/>).</summary>
    public static LineKeys For(string text) =>
        // A key is never longer than its line, so the text's length is room for them all.
        new(ArrayPool<char>.Shared.Rent(text.Length), []);

    /// <summary>Keys a line after those added before it; a line with no key (a blank one) adds nothing.</summary>
    public void Add(ReadOnlySpan<char> line)
    {
        var at = Lines.Count == 0 ? 0 : Lines[^1].Start + Lines[^1].Length;
        if (QuoteAttributor.Write('\0', line, _chars.AsSpan(at)) is > 0 and var length)
        {
            Lines.Add((at, length));
        }
    }

    /// <summary>All the keys end to end, as one string.</summary>
    public string Joined() => Lines.Count == 0 ? "" : new string(_chars, 0, Lines[^1].Start + Lines[^1].Length);

    public void Dispose() => ArrayPool<char>.Shared.Return(_chars);
}
