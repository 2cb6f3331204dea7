using System.Runtime.InteropServices;
using PatchReview.Core.Diffs;

namespace PatchReview.Core.Review;

/// <summary>What a review comment is about: a diff line, a line of the commit message, or the patch as a whole.</summary>
public enum CommentTarget
{
    Diff,
    CommitMessage,
    General,
}

/// <summary>The side of the diff a line is on: removed lines are on the old side, added and context lines on the new.</summary>
public enum DiffSide
{
    New,
    Old,
}

/// <summary>
/// One line of a patch a reviewer can quote. <see cref="Key"/> is the line as <see cref="QuoteAttributor.Key(string)"/>
/// sees it, with the diff marker kept (<c>+fn=symbol_get(kvm_s390_pci_register_kvm);</c>), so that an added line and
/// the same text removed stay apart. The line's text is read in place from the patch and made a string only when
/// asked for: most lines are only ever looked up by key.
/// </summary>
public sealed class PatchLine
{
    readonly char _marker;
    readonly ReadOnlyMemory<char> _content;
    string? _text;
    HashSet<string>? _tokens;

    PatchLine(CommentTarget target, string? file, DiffSide? side, int line, char marker, ReadOnlyMemory<char> content, string key)
    {
        (Target, File, Side, Line, _marker, _content, Key) = (target, file, side, line, marker, content, key);
    }

    public CommentTarget Target { get; }
    public string? File { get; }
    public DiffSide? Side { get; }
    public int Line { get; }
    public string Key { get; }

    /// <summary>The line as the patch shows it, diff marker included.</summary>
    public string Text => _text ??= _marker == '\0' ? _content.ToString() : string.Concat([_marker], _content.Span);

    /// <summary>The line's words, as a comment is followed by them when its line was rewritten; made once.</summary>
    internal HashSet<string> Tokens => _tokens ??= CommentFollower.Tokens(Text);

    internal static PatchLine? OfCommitMessage(int line, ReadOnlyMemory<char> content) =>
        QuoteAttributor.Key(content.Span) is { Length: > 0 } key
            ? new PatchLine(CommentTarget.CommitMessage, null, null, line, '\0', content, key)
            : null;

    internal static PatchLine? OfDiff(string file, DiffLine line) =>
        QuoteAttributor.Key((char)line.Kind, line.Content.Span) is { Length: > 0 } key
            ? line.Kind == DiffLineKind.Removed
                ? new PatchLine(CommentTarget.Diff, file, DiffSide.Old, line.OldLine ?? 0, (char)line.Kind, line.Content, key)
                : new PatchLine(CommentTarget.Diff, file, DiffSide.New, line.NewLine ?? 0, (char)line.Kind, line.Content, key)
            : null;
}

/// <summary>The commit message and diff lines of one patch, in order, findable by key.</summary>
public sealed class PatchLines
{
    /// <summary>The first position of each key; <see cref="_next"/> chains the others. Most keys stand once in a patch.</summary>
    readonly Dictionary<string, int> _first = new(StringComparer.Ordinal);

    /// <summary>For each position, the next one with the same key, or -1.</summary>
    readonly int[] _next;

    public IReadOnlyList<PatchLine> Lines { get; }

    /// <summary>How many of <see cref="Lines"/> are diff lines.</summary>
    public int DiffLineCount { get; }

    PatchLines(List<PatchLine> lines)
    {
        Lines = lines;
        _next = new int[lines.Count];
        // From the last line up, so that each key ends at its first position with the rest chained in order.
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (lines[i].Target == CommentTarget.Diff)
            {
                DiffLineCount++;
            }
            ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(_first, lines[i].Key, out var exists);
            _next[i] = exists ? first : -1;
            first = i;
        }
    }

    public static PatchLines Of(string patchBody)
    {
        ArgumentNullException.ThrowIfNull(patchBody);
        var (commitMessage, diff) = PatchBody.Locate(patchBody);
        var lines = new List<PatchLine>();
        var number = 0;
        var message = commitMessage.AsMemory();
        foreach (var range in commitMessage.AsSpan().Split('\n'))
        {
            number++;
            if (PatchLine.OfCommitMessage(number, message[range]) is { } line)
            {
                lines.Add(line);
            }
        }
        foreach (var file in GitDiff.Parse(patchBody, diff).Files)
        {
            foreach (var hunk in file.Hunks)
            {
                foreach (var diffLine in hunk.Lines)
                {
                    if (PatchLine.OfDiff(file.Path, diffLine) is { } line)
                    {
                        lines.Add(line);
                    }
                }
            }
        }
        return new PatchLines(lines);
    }

    public bool Contains(string key) => _first.ContainsKey(key);

    /// <summary>The positions of the lines with this key, in order.</summary>
    public Positions PositionsOf(string key) => new(_next, _first.TryGetValue(key, out var first) ? first : -1);

    /// <summary>The positions of one key's lines, followed along their chain without a list.</summary>
    public readonly struct Positions(int[] next, int first) : IEnumerable<int>
    {
        public Enumerator GetEnumerator() => new(next, first);

        IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator(int[] next, int first) : IEnumerator<int>
        {
            int _at = -2;

            public readonly int Current => _at;

            readonly object System.Collections.IEnumerator.Current => _at;

            public bool MoveNext()
            {
                _at = _at == -2 ? first : _at >= 0 ? next[_at] : -1;
                return _at >= 0;
            }

            public void Reset() => _at = -2;

            public readonly void Dispose()
            {
            }
        }
    }

    /// <summary>Whether two positions are lines of the same file (or both of the commit message).</summary>
    public bool SameRun(int a, int b) => Lines[a].Target == Lines[b].Target && Lines[a].File == Lines[b].File;
}
