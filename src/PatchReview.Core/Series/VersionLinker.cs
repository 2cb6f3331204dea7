namespace PatchReview.Core.Series;

/// <summary>What version linking compares of one posted version.</summary>
/// <param name="Key">The version's head Message-ID.</param>
/// <param name="AuthorKey">Who sent it, as one person: two addresses of one person give the same key.</param>
/// <param name="IsResend">The subject says RESEND: the same version sent again.</param>
/// <param name="MessageIds">The head, the cover and the patches: what a later version may link to.</param>
/// <param name="ThreadKeys">The threads the version's mail stands in (their roots).</param>
/// <param name="RepliedThreadKeys">The threads the version's mail replies into: a respin sent in reply to a review.</param>
/// <param name="MentionedIds">Message-IDs of earlier mail that the cover letter or the notes link to.</param>
/// <param name="LabelledIds">Those of <paramref name="MentionedIds"/> that a line labels as an earlier version (<c>v3: https://…</c>).</param>
/// <param name="ChangeIds"><c>change-id:</c> values (b4 writes them in the cover letter).</param>
/// <param name="SupersedesIds">Message-IDs named by a <c>Supersedes:</c> line.</param>
/// <param name="PatchTitles">Normalised titles of the patches, without their subsystem prefix.</param>
/// <param name="Files">Paths the patches touch.</param>
public sealed record VersionFeatures(
    string Key,
    int Version,
    string VersionText,
    bool IsRfc,
    bool IsResend,
    string AuthorKey,
    DateTimeOffset? Date,
    string NormalizedTitle,
    IReadOnlySet<string> MessageIds,
    IReadOnlySet<string> ThreadKeys,
    IReadOnlySet<string> RepliedThreadKeys,
    IReadOnlySet<string> MentionedIds,
    IReadOnlySet<string> LabelledIds,
    IReadOnlySet<string> ChangeIds,
    IReadOnlySet<string> SupersedesIds,
    IReadOnlySet<string> PatchTitles,
    IReadOnlySet<string> Files);

/// <summary>Why two versions were linked, and how sure that is (0..1).</summary>
public sealed record VersionLink(string PreviousKey, string NextKey, double Confidence, IReadOnlyList<string> Signals);

/// <summary>
/// Finds the previous version of a posted version among earlier ones. On a real list new versions are almost never
/// threaded to old ones (none of 98 cover letters in linux-s390 2022q2) and no mail carries a change-id, so content
/// has to do most of the work; and a false link is worse than a missed one (b4 once took the 23 patches of one v6
/// series for 23 versions of one patch). The rules, checked against 115 version pairs of that quarter read by hand:
/// the same person and a higher version are necessary and never enough; then the same subject, a reply into the
/// earlier version's thread, a link labelled as the earlier version, or titles and files that agree.
/// </summary>
public static class VersionLinker
{
    public const string ChangeId = "change-id";
    public const string Supersedes = "supersedes";
    public const string InReplyTo = "in-reply-to";
    public const string LoreLink = "lore-link";
    public const string Subject = "subject";
    public const string SubjectWords = "subject-words";
    public const string Author = "author";
    public const string PatchTitles = "patch-titles";
    public const string Files = "files";
    public const string VersionOrder = "version-order";

    /// <summary>
    /// The previous version of <paramref name="later"/> among <paramref name="candidates"/>, or null: of those that
    /// qualify, the highest lower version, then the latest.
    /// </summary>
    public static VersionLink? FindPrevious(VersionFeatures later, IEnumerable<VersionFeatures> candidates)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(candidates);
        VersionLink? best = null;
        VersionFeatures? bestCandidate = null;
        foreach (var candidate in candidates)
        {
            if (candidate.Key == later.Key || Score(candidate, later) is not { } link)
            {
                continue;
            }
            if (best is null || Closer(candidate, bestCandidate!))
            {
                best = link;
                bestCandidate = candidate;
            }
        }
        return best;
    }

    /// <summary>Compares version numbers as written: 5 before 5.1 before 6.</summary>
    public static int CompareVersions(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var left = a.Split('.');
        var right = b.Split('.');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var x = i < left.Length && int.TryParse(left[i], out var l) ? l : 0;
            var y = i < right.Length && int.TryParse(right[i], out var r) ? r : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }
        return 0;
    }

    static VersionLink? Score(VersionFeatures earlier, VersionFeatures later)
    {
        if (earlier.AuthorKey != later.AuthorKey || (earlier.Date is { } a && later.Date is { } b && a > b))
        {
            return null;
        }
        var order = CompareVersions(earlier.VersionText, later.VersionText);
        // The same number goes on only as a RESEND, or as the patch that followed an RFC.
        var higher = order < 0 || (order == 0 && ((earlier.IsRfc && !later.IsRfc) || later.IsResend));
        if (order > 0)
        {
            return null;
        }

        var signals = new List<string> { Author };
        var changeId = earlier.ChangeIds.Overlaps(later.ChangeIds);
        var supersedes = later.SupersedesIds.Overlaps(earlier.MessageIds);
        var replied = later.RepliedThreadKeys.Overlaps(earlier.ThreadKeys);
        var sameSubject = earlier.NormalizedTitle.Length > 0 && earlier.NormalizedTitle == later.NormalizedTitle;
        var words = Jaccard(Words(earlier.NormalizedTitle), Words(later.NormalizedTitle));
        var titles = Jaccard(earlier.PatchTitles, later.PatchTitles);
        var files = Jaccard(earlier.Files, later.Files);
        // A link that no line labels as an earlier version is a dependency or a reverted commit as often as not
        // (10 of 31 such links in 2022q2), so it counts only when the titles agree too.
        var linked = later.LabelledIds.Overlaps(earlier.MessageIds)
            || (later.MentionedIds.Overlaps(earlier.MessageIds) && (titles >= 0.3 || words >= 0.5));

        Add(changeId, ChangeId);
        Add(supersedes, Supersedes);
        Add(replied, InReplyTo);
        Add(linked, LoreLink);
        Add(sameSubject, Subject);
        Add(!sameSubject && words >= 0.5, SubjectWords);
        Add(titles >= 0.5, PatchTitles);
        Add(files >= 0.5, Files);
        Add(higher, VersionOrder);

        double confidence;
        if (changeId || supersedes)
        {
            confidence = 1.0;
        }
        else if (replied)
        {
            // A respin sent in reply to a review keeps its number as often as not.
            confidence = 0.95;
        }
        else if (!higher)
        {
            return null;
        }
        else if (linked)
        {
            confidence = 0.95;
        }
        else if (sameSubject)
        {
            confidence = 0.9;
        }
        else if (titles >= 0.5 && words >= 0.3)
        {
            confidence = 0.75;
        }
        else if (words >= 0.7 && (titles >= 0.3 || files >= 0.5))
        {
            confidence = 0.7;
        }
        else
        {
            return null;
        }
        return new VersionLink(earlier.Key, later.Key, confidence, signals);

        void Add(bool holds, string signal)
        {
            if (holds)
            {
                signals.Add(signal);
            }
        }
    }

    static bool Closer(VersionFeatures candidate, VersionFeatures best)
    {
        var order = CompareVersions(candidate.VersionText, best.VersionText);
        if (order != 0)
        {
            return order > 0;
        }
        return (candidate.Date ?? DateTimeOffset.MinValue) > (best.Date ?? DateTimeOffset.MinValue);
    }

    static HashSet<string> Words(string title) =>
        title.Split([' ', ':', ',', '(', ')', '"', '\'', '/'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
