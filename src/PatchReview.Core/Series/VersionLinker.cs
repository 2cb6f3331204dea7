namespace PatchReview.Core.Series;

/// <summary>Why two versions were linked, and how sure that is (0..1).</summary>
public sealed record VersionLink(string PreviousKey, string NextKey, double Confidence, IReadOnlyList<string> Signals);

/// <summary>
/// Finds the previous version of a posted version among earlier ones. On a real list new versions are almost never
/// threaded to old ones (none of 98 cover letters in linux-s390 2022q2) and no mail carries a change-id, so content
/// has to do most of the work; and a false link is worse than a missed one (b4 once took the 23 patches of one v6
/// series for 23 versions of one patch). The rules were checked against the 115 version pairs of that quarter read by
/// hand, and found 114 of them and nothing else.
/// <list type="bullet">
/// <item>Necessary, never enough: the same person (<see cref="VersionFeatures.AuthorKey"/>), an earlier date, and a
/// version that is not lower. Stable backports take no part.</item>
/// <item>Then, first that holds: the same <c>change-id:</c>, or a <c>Supersedes:</c> naming it (1.0); mail answering
/// the earlier version's conversation, also with the same number (0.95);</item>
/// <item>and for a higher version (or the same one as a RESEND, or after an RFC): a link labelled as the earlier
/// version (0.95); the same subject (0.9); patch titles half alike with a subject at least a third alike (0.75); a
/// subject nearly alike with titles or files that agree (0.7);</item>
/// <item>or a single patch sent again under the same subject and number, touching the same files (0.55); or commit
/// text largely the same (0.6, <see cref="Text"/>).</item>
/// </list>
/// Of the candidates that qualify the closest wins: a lower version before the same one, then the highest, then the latest.
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
    public const string Text = "text";
    public const string VersionOrder = "version-order";

    /// <summary>
    /// Commit text alone links versions at most this far apart; beyond it a shared text is as likely a patch carried
    /// into some other series.
    /// </summary>
    public static readonly TimeSpan TextWindow = TimeSpan.FromDays(60);

    /// <summary>
    /// The previous version of <paramref name="later"/> among <paramref name="candidates"/>, or null. Of those that
    /// qualify, a lower version goes before the same one (unless <paramref name="later"/> is a RESEND, which follows
    /// the latest send of its own number), then the highest version, then the latest.
    /// </summary>
    public static VersionLink? FindPrevious(VersionFeatures later, IEnumerable<VersionFeatures> candidates)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(candidates);
        if (later.IsBackport)
        {
            return null;
        }
        VersionLink? best = null;
        VersionFeatures? bestCandidate = null;
        var laterPosting = PostingsOf(later.MessageIds);
        foreach (var candidate in candidates)
        {
            if (candidate.Key == later.Key || candidate.IsBackport || Score(candidate, later, laterPosting) is not { } link)
            {
                continue;
            }
            if (best is null || Closer(candidate, bestCandidate!, later))
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
        // Every pair of an author's versions is compared: read in place rather than split into strings.
        ReadOnlySpan<char> left = a, right = b;
        while (!left.IsEmpty || !right.IsEmpty)
        {
            var x = NextNumber(ref left);
            var y = NextNumber(ref right);
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }
        return 0;
    }

    /// <summary>The number before the first dot, 0 when that is not a number; the rest is left after the dot.</summary>
    static int NextNumber(ref ReadOnlySpan<char> rest)
    {
        var dot = rest.IndexOf('.');
        var part = dot < 0 ? rest : rest[..dot];
        rest = dot < 0 ? [] : rest[(dot + 1)..];
        return int.TryParse(part, out var number) ? number : 0;
    }

    /// <summary>
    /// What the Message-IDs of one sending run share, so that a reference to a message missing from the archive still
    /// names its posting: <c>20220502160030.131168-8-cgzones@googlemail.com</c> (git send-email: date, process, number,
    /// address), <c>1649212651-32038-1-git-send-email-baihaowen@meizu.com</c> (older git send-email),
    /// <c>cover.1651216964.git.baolin.wang@linux.alibaba.com</c> and <c>&lt;sha&gt;.1651216964.git.…</c> (format-patch
    /// with <c>--thread</c>). Null for any other shape.
    /// </summary>
    public static string? PostingOf(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var at = messageId.IndexOf('@');
        if (at <= 0)
        {
            return null;
        }
        var local = messageId.AsSpan(0, at);
        var domain = messageId.AsSpan(at);
        // 20220502160030.131168-8-cgzones
        if (local.Length > 15 && local[..14].IndexOfAnyExceptInRange('0', '9') < 0 && local[14] == '.')
        {
            var dash = local.IndexOf('-');
            var second = dash < 0 ? -1 : local[(dash + 1)..].IndexOf('-');
            if (dash > 15 && second > 0 && local[(dash + 1)..(dash + 1 + second)].IndexOfAnyExceptInRange('0', '9') < 0)
            {
                return string.Concat(local[..dash], "|", local[(dash + 2 + second)..], domain);
            }
            return null;
        }
        // 1649212651-32038-1-git-send-email-baihaowen
        if (local.IndexOf("-git-send-email-", StringComparison.Ordinal) is var marker and > 0)
        {
            var numbers = local[..marker];
            var last = numbers.LastIndexOf('-');
            return last > 0 ? string.Concat(numbers[..last], "|", local[marker..], domain) : null;
        }
        // cover.1651216964.git.baolin.wang, 9f1c….1651216964.git.baolin.wang
        var git = local.IndexOf(".git.", StringComparison.Ordinal);
        var dot = local.IndexOf('.');
        if (git > dot && dot > 0 && local[(dot + 1)..git].IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return string.Concat(local[(dot + 1)..], domain);
        }
        return null;
    }

    static HashSet<string> PostingsOf(IEnumerable<string> messageIds) =>
        messageIds.Select(PostingOf).OfType<string>().ToHashSet(StringComparer.Ordinal);

    static VersionLink? Score(VersionFeatures earlier, VersionFeatures later, HashSet<string> laterPosting)
    {
        if (earlier.AuthorKey != later.AuthorKey || (earlier.Date is { } a && later.Date is { } b && a > b))
        {
            return null;
        }
        var order = CompareVersions(earlier.VersionText, later.VersionText);
        if (order > 0)
        {
            return null;
        }
        // The same number goes on only as a RESEND, or as the patch that followed an RFC.
        var higher = order < 0 || (earlier.IsRfc && !later.IsRfc) || later.IsResend;

        // An author's every version is scored against every other, and most pairs link by none of the rules: each
        // similarity is worked out only once a rule asks for it (in a profile of the 52,845-message benchmark's import,
        // computing all three for every pair was a quarter of the series updates' CPU samples).
        var files = double.NaN;
        var words = double.NaN;
        var titles = double.NaN;
        var changeId = earlier.ChangeIds.Overlaps(later.ChangeIds);
        var supersedes = later.SupersedesIds.Overlaps(earlier.MessageIds);
        // An author may send a new series in reply to an old one; every true in-thread version in 2022q2 touched a file
        // of the one it answered.
        var replied = Replied(earlier, later, laterPosting) && (earlier.Files.Count == 0 || later.Files.Count == 0 || SharedFiles() > 0);
        var sameSubject = earlier.NormalizedTitle.Length > 0 && earlier.NormalizedTitle == later.NormalizedTitle;
        // A link that no line labels as an earlier version is a dependency or a reverted commit as often as not
        // (10 of 31 such links in 2022q2), so it counts only when the titles agree too.
        var linked = later.LabelledIds.Overlaps(earlier.MessageIds)
            || (later.MentionedIds.Overlaps(earlier.MessageIds) && (SharedTitles() >= 0.3 || SharedWords() >= 0.5));

        double confidence;
        var text = 0.0;
        if (changeId || supersedes)
        {
            confidence = 1.0;
        }
        else if (replied)
        {
            // A respin sent in reply to a review keeps its number as often as not.
            confidence = 0.95;
        }
        else if (higher && linked)
        {
            confidence = 0.95;
        }
        else if (higher && sameSubject)
        {
            confidence = 0.9;
        }
        else if (higher && SharedTitles() >= 0.5 && SharedWords() >= 0.3)
        {
            confidence = 0.75;
        }
        else if (higher && SharedWords() >= 0.7 && (SharedTitles() >= 0.3 || SharedFiles() >= 0.5))
        {
            confidence = 0.7;
        }
        else if (sameSubject && earlier.IsSinglePatch && later.IsSinglePatch && SharedFiles() >= 0.5)
        {
            // A respin without a new number: "[PATCH] KVM: s390: pci: Hook to access KVM lowlevel from VFIO" went out
            // again six hours later with the reviewer's wording, still without v2 (zPCI archive, August 2022).
            confidence = 0.55;
        }
        else if (SameText(earlier, later, order, ref files, out text))
        {
            confidence = 0.6;
        }
        else
        {
            return null;
        }

        var signals = new List<string> { Author };
        Add(changeId, ChangeId);
        Add(supersedes, Supersedes);
        Add(replied, InReplyTo);
        Add(linked, LoreLink);
        Add(sameSubject, Subject);
        Add(!sameSubject && SharedWords() >= 0.5, SubjectWords);
        Add(SharedTitles() >= 0.5, PatchTitles);
        Add(SharedFiles() >= 0.5, Files);
        Add(text > 0, Text);
        Add(higher, VersionOrder);
        return new VersionLink(earlier.Key, later.Key, confidence, signals);

        void Add(bool holds, string signal)
        {
            if (holds)
            {
                signals.Add(signal);
            }
        }

        double SharedFiles() => double.IsNaN(files) ? files = Jaccard(earlier.Files, later.Files) : files;

        double SharedWords() => double.IsNaN(words) ? words = Jaccard(TitleWords(earlier), TitleWords(later)) : words;

        double SharedTitles() => double.IsNaN(titles) ? titles = Jaccard(earlier.PatchTitles, later.PatchTitles) : titles;
    }

    /// <summary>
    /// Whether the later version's mail answers the earlier one's conversation: a reply to its cover, a patch or a review
    /// below them, or to a message missing from the archive that the earlier version's sending run wrote
    /// (<c>[PATCH v3 4/8]</c> referencing <c>20220502160030.131168-8-…</c>, patch 8 of the v2 run, never on the list).
    /// </summary>
    static bool Replied(VersionFeatures earlier, VersionFeatures later, HashSet<string> laterPosting)
    {
        if (later.RepliedIds.Overlaps(earlier.ThreadIds))
        {
            return true;
        }
        HashSet<string>? earlierPosting = null;
        foreach (var id in later.RepliedIds)
        {
            if (PostingOf(id) is { } posting && !laterPosting.Contains(posting)
                && (earlierPosting ??= PostingsOf(earlier.MessageIds)).Contains(posting))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The cover or a patch of one version says largely what one of the other says, in 4-word runs (0.6 and more, the
    /// two touching at least a third of the same files, within <see cref="TextWindow"/>), and the version number went
    /// up. Kept to a higher version because a maintainer re-sends a contributor's patch inside his own series with the
    /// same text and number; between two single patches the same number may follow, if the text is all but the same.
    /// </summary>
    /// <param name="files">The share of files the two touch, worked out here if not known yet (NaN).</param>
    static bool SameText(VersionFeatures earlier, VersionFeatures later, int order, ref double files, out double text)
    {
        text = 0;
        if (earlier.Date is not { } from || later.Date is not { } to || to - from > TextWindow)
        {
            return false;
        }
        var stepUp = later.Version > earlier.Version;
        var respin = order == 0 && earlier.IsSinglePatch && later.IsSinglePatch;
        if (!stepUp && !respin)
        {
            return false;
        }
        if (double.IsNaN(files))
        {
            files = Jaccard(earlier.Files, later.Files);
        }
        if (!(stepUp && files >= 0.3) && !(respin && files >= 0.5))
        {
            return false;
        }
        foreach (var a in earlier.TextSketches)
        {
            foreach (var b in later.TextSketches)
            {
                text = Math.Max(text, TextSketch.Similarity(a, b));
            }
        }
        return text >= (stepUp ? 0.6 : 0.8);
    }

    static bool Closer(VersionFeatures candidate, VersionFeatures best, VersionFeatures later)
    {
        var lower = CompareVersions(candidate.VersionText, later.VersionText) < 0;
        var bestLower = CompareVersions(best.VersionText, later.VersionText) < 0;
        if (lower != bestLower && !later.IsResend)
        {
            return lower;
        }
        var order = CompareVersions(candidate.VersionText, best.VersionText);
        if (order != 0)
        {
            return order > 0;
        }
        return (candidate.Date ?? DateTimeOffset.MinValue) > (best.Date ?? DateTimeOffset.MinValue);
    }

    /// <summary>
    /// The words of a version's title, made once per version: linking compares every pair of an author's versions,
    /// and making them for each pair was a third of what a series update allocated. Kept by the instance, so a copy
    /// made with another title gets its own.
    /// </summary>
    static HashSet<string> TitleWords(VersionFeatures version) => TitleWordsOf.GetValue(version, v => Words(v.NormalizedTitle));

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<VersionFeatures, HashSet<string>> TitleWordsOf = [];

    /// <summary>The words of a normalised title: runs of letters and digits ("capable_or" is two words).</summary>
    static HashSet<string> Words(string title)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= title.Length; i++)
        {
            if (i < title.Length && char.IsLetterOrDigit(title[i]))
            {
                start = start < 0 ? i : start;
            }
            else if (start >= 0)
            {
                words.Add(title[start..i]);
                start = -1;
            }
        }
        return words;
    }

    /// <summary>
    /// The share (0..1) of all their members that two sets hold in common. Both must compare strings the same way, as
    /// every set here does (ordinally).
    /// </summary>
    internal static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = 0;
        if (small is HashSet<string> set)
        {
            foreach (var item in set)
            {
                shared += large.Contains(item) ? 1 : 0;
            }
        }
        else
        {
            foreach (var item in small)
            {
                shared += large.Contains(item) ? 1 : 0;
            }
        }
        return (double)shared / (a.Count + b.Count - shared);
    }
}
