using PatchReview.Core.Series;

namespace PatchReview.Core.Review;

/// <summary>What became of the lines a comment is on in a later version: the "was my comment addressed?" signal.</summary>
public enum CommentStatus
{
    /// <summary>The anchored lines are still there, as they were.</summary>
    Unchanged,
    /// <summary>The anchored line is still there in another form, or its neighbours changed.</summary>
    ChangedAtAnchor,
    /// <summary>Nothing like the anchored line is left in the file.</summary>
    AnchorRemoved,
    /// <summary>The later version has no successor of the patch.</summary>
    PatchDropped,
}

/// <summary>
/// Follows a comment into a later version of its patch by content, as the patch matrix follows the patch.
/// Example: Jason Gunthorpe's question on <c>symbol_put(kvm_s390_pci_register_kvm);</c> in zPCI v6 16/21 is
/// <see cref="CommentStatus.AnchorRemoved"/> in v7, whose successor of the patch no longer looks the symbol up.
/// </summary>
public static class CommentFollower
{
    /// <summary>Token overlap above which a line is the anchored line rewritten rather than another line.</summary>
    const double SameLineSimilarity = 0.5;

    /// <param name="later">The successor's lines, or null when the later version dropped the patch.</param>
    /// <param name="sameCode">The successor's diff is the patch's own (equal patch-id): a general comment is then unchanged.</param>
    public static CommentStatus Follow(CommentAnchor anchor, PatchLines? later, bool sameCode)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        if (later is null)
        {
            return CommentStatus.PatchDropped;
        }
        if (anchor.Target == CommentTarget.General || anchor.Keys.Count == 0)
        {
            return sameCode ? CommentStatus.Unchanged : CommentStatus.ChangedAtAnchor;
        }

        bool InScope(PatchLine line) => line.Target == anchor.Target && (anchor.File is null || line.File == anchor.File);
        var last = anchor.Keys[^1];
        foreach (var position in later.PositionsOf(last))
        {
            if (!InScope(later.Lines[position]))
            {
                continue;
            }
            var run = 1;
            while (run < anchor.Keys.Count && position - run >= 0 && later.SameRun(position, position - run)
                && later.Lines[position - run].Key == anchor.Keys[^(run + 1)])
            {
                run++;
            }
            return run == anchor.Keys.Count ? CommentStatus.Unchanged : CommentStatus.ChangedAtAnchor;
        }

        var tokens = Tokens(anchor.AnchorText);
        return later.Lines.Any(line => InScope(line) && VersionLinker.Jaccard(tokens, line.Tokens) >= SameLineSimilarity)
            ? CommentStatus.ChangedAtAnchor
            : CommentStatus.AnchorRemoved;
    }

    internal static HashSet<string> Tokens(string line) =>
        [.. line.Split([' ', '\t', '(', ')', ',', ';', '*', '&', '{', '}', '[', ']', '+', '-', '='], StringSplitOptions.RemoveEmptyEntries)];
}
