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
/// One line of a patch a reviewer can quote. <see cref="Key"/> is the line as <see cref="QuoteAttributor.Key"/> sees
/// it, with the diff marker kept (<c>+fn=symbol_get(kvm_s390_pci_register_kvm);</c>), so that an added line and the
/// same text removed stay apart.
/// </summary>
public sealed record PatchLine(CommentTarget Target, string? File, DiffSide? Side, int Line, string Text, string Key);

/// <summary>The commit message and diff lines of one patch, in order, findable by key.</summary>
public sealed class PatchLines
{
    readonly Dictionary<string, List<int>> _byKey = new(StringComparer.Ordinal);

    public IReadOnlyList<PatchLine> Lines { get; }

    /// <summary>How many of <see cref="Lines"/> are diff lines.</summary>
    public int DiffLineCount { get; }

    PatchLines(List<PatchLine> lines)
    {
        Lines = lines;
        DiffLineCount = lines.Count(l => l.Target == CommentTarget.Diff);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!_byKey.TryGetValue(lines[i].Key, out var positions))
            {
                _byKey[lines[i].Key] = positions = [];
            }
            positions.Add(i);
        }
    }

    public static PatchLines Of(string patchBody)
    {
        ArgumentNullException.ThrowIfNull(patchBody);
        var body = PatchBody.Split(patchBody);
        var lines = new List<PatchLine>();
        var number = 0;
        foreach (var line in body.CommitMessage.Split('\n'))
        {
            number++;
            var key = QuoteAttributor.Key(line);
            if (key.Length > 0)
            {
                lines.Add(new PatchLine(CommentTarget.CommitMessage, null, null, number, line, key));
            }
        }
        foreach (var file in GitDiff.Parse(body.Diff).Files)
        {
            foreach (var line in file.Hunks.SelectMany(h => h.Lines))
            {
                var text = (char)line.Kind + line.Text;
                var key = QuoteAttributor.Key(text);
                if (key.Length == 0)
                {
                    continue;
                }
                lines.Add(line.Kind == DiffLineKind.Removed
                    ? new PatchLine(CommentTarget.Diff, file.Path, DiffSide.Old, line.OldLine ?? 0, text, key)
                    : new PatchLine(CommentTarget.Diff, file.Path, DiffSide.New, line.NewLine ?? 0, text, key));
            }
        }
        return new PatchLines(lines);
    }

    public bool Contains(string key) => _byKey.ContainsKey(key);

    public IReadOnlyList<int> PositionsOf(string key) => _byKey.TryGetValue(key, out var positions) ? positions : [];

    /// <summary>Whether two positions are lines of the same file (or both of the commit message).</summary>
    public bool SameRun(int a, int b) => Lines[a].Target == Lines[b].Target && Lines[a].File == Lines[b].File;
}
