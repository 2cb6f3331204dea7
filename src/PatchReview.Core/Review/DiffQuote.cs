using System.Text.RegularExpressions;

namespace PatchReview.Core.Review;

/// <summary>
/// Where a comment sits: the last patch line the reviewer quoted above it, or nothing for a general comment.
/// <see cref="Keys"/> are the keys of the quoted lines that end at the anchor (at most three), which later versions
/// are searched for. <see cref="ByContent"/>: the quote had no <c>@@</c> hunk header to go by.
/// </summary>
public sealed record CommentAnchor(CommentTarget Target, string? File, DiffSide? Side, int? Line, string AnchorText,
    IReadOnlyList<string> Keys, bool ByContent)
{
    public static readonly CommentAnchor General = new(CommentTarget.General, null, null, null, "", [], false);

    /// <summary>How many patch lines the quote above the comment showed.</summary>
    public int QuotedLines { get; init; }
}

/// <summary>
/// Finds the patch lines a quote shows, as <c>b4 review</c> does: by content, with or without the <c>diff --git</c>
/// and <c>@@</c> lines, even when the replier's mailer wrapped a long line in two. The anchor is the last quoted line;
/// the lines before it decide between equal candidates (a quoted <c>+}</c> is everywhere, the three lines above it
/// are not).
/// </summary>
public static partial class DiffQuote
{
    /// <summary>The anchor of <paramref name="quote"/> (a quoted block's text, markers removed) in the patch, or null.</summary>
    public static CommentAnchor? Anchor(string quote, PatchLines patch)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(patch);
        string? file = null;
        var hasHunkHeader = false;
        var keys = new List<string?>();
        foreach (var line in quote.Split('\n'))
        {
            if (FileHeader().Match(line) is { Success: true } header)
            {
                file = header.Groups["path"].Value is "/dev/null" ? file : header.Groups["path"].Value;
                continue;
            }
            if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                hasHunkHeader = true;
                keys.Add(null);
                continue;
            }
            if (line.StartsWith("index ", StringComparison.Ordinal) || line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                continue;
            }
            // A cut ("[...]") breaks the run: the lines on either side of it need not be neighbours.
            keys.Add(QuoteAttributor.IsTrimMark(line) ? null : QuoteAttributor.Key(line) is { Length: > 0 } key ? key : null);
        }

        var units = Units(keys, patch);
        var matched = units.Count(u => u is not null && patch.Contains(u));
        var quoted = units.Count(u => u is not null);
        if (matched == 0 || matched * 2 < quoted)
        {
            return null;
        }

        var last = units.FindLastIndex(u => u is not null && patch.Contains(u));
        var best = -1;
        var bestRun = 0;
        foreach (var position in patch.PositionsOf(units[last]!))
        {
            if (file is not null && patch.Lines[position].File is { } candidateFile && candidateFile != file)
            {
                continue;
            }
            var run = 1;
            while (last - run >= 0 && position - run >= 0 && units[last - run] is { } unit
                && patch.Lines[position - run].Key == unit && patch.SameRun(position, position - run))
            {
                run++;
            }
            if (run > bestRun)
            {
                (best, bestRun) = (position, run);
            }
        }
        if (best < 0)
        {
            return null;
        }
        var anchor = patch.Lines[best];
        var anchorKeys = Enumerable.Range(best - Math.Min(bestRun, 3) + 1, Math.Min(bestRun, 3)).Select(p => patch.Lines[p].Key).ToList();
        return new CommentAnchor(anchor.Target, anchor.File, anchor.Side, anchor.Line, anchor.Text, anchorKeys, !hasHunkHeader) { QuotedLines = matched };
    }

    /// <summary>
    /// The quoted lines as patch lines: a line the patch lacks whose join with the line before it is a patch line
    /// was wrapped by the mailer, and the two count as one.
    /// </summary>
    static List<string?> Units(List<string?> keys, PatchLines patch)
    {
        var units = new List<string?>();
        for (var i = keys.Count - 1; i >= 0; i--)
        {
            var key = keys[i];
            if (key is not null && !patch.Contains(key) && i > 0 && keys[i - 1] is { } head && patch.Contains(head + key))
            {
                units.Add(head + key);
                i--;
                continue;
            }
            units.Add(key);
        }
        units.Reverse();
        return units;
    }

    // "+++ b/drivers/vfio/pci/vfio_pci_zdev.c", "--- a/…" name the file; so does "diff --git a/x b/x" through its "+++".
    [GeneratedRegex(@"^(?:\+\+\+|---) (?:[ab]/)?(?<path>\S+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex FileHeader();
}
