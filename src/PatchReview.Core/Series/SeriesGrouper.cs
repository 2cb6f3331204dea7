using PatchReview.Core.Mail;

namespace PatchReview.Core.Series;

/// <summary>
/// One posted version of a series: a cover letter and its <c>n/N</c> patches, the <c>n/N</c> patches alone, or one
/// single patch, with every reply below them.
/// </summary>
public sealed record VersionGroup
{
    /// <summary>The cover letter, else the lowest-numbered patch: the message that names the version.</summary>
    public required SeriesMail Head { get; init; }
    public required SeriesMail? Cover { get; init; }
    /// <summary>The patches by index; a single patch without <c>n/N</c> counts as 1/1.</summary>
    public required IReadOnlyList<SeriesMail> Patches { get; init; }
    /// <summary>Patches of this version sent again under an index already present (a resend), kept apart.</summary>
    public required IReadOnlyList<SeriesMail> Resent { get; init; }
    /// <summary>Every other message below the cover or a patch, at any depth, with the cover or patch it hangs under.</summary>
    public required IReadOnlyList<(SeriesMail Reply, SeriesMail Under)> Replies { get; init; }
    public required int DeclaredTotal { get; init; }
    public required IReadOnlyList<int> MissingIndices { get; init; }

    public int Version => Head.Version;
    public string VersionText => Head.VersionText;
    public bool IsRfc => Head.IsRfc || Patches.Any(p => p.IsRfc);
    public Person From => Head.From;
    public DateTimeOffset? Date => Head.Date;
    public string Title => Head.Title;
    public string NormalizedTitle => Head.NormalizedTitle;
    public bool IsComplete => MissingIndices.Count == 0;
}

/// <summary>
/// Groups patch mail into versions. Threading decides first: <c>git send-email</c> hangs every patch under the cover
/// letter (or under patch 1 when there is none, or under the previous patch with <c>--chain-reply-to</c>), so a
/// patch belongs to the topmost ancestor that is a cover or patch of the same version, total and sender. Patches
/// sent without threading (36 of 1,225 patches in linux-s390 2022q2) join the version of the same sender, version
/// and total posted within an hour, when their index is still free there.
/// </summary>
public static class SeriesGrouper
{
    /// <summary>How far apart the unthreaded patches of one posting may be.</summary>
    public static readonly TimeSpan PostingWindow = TimeSpan.FromHours(1);

    public static IReadOnlyList<VersionGroup> Group(IReadOnlyCollection<SeriesMail> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var byId = new Dictionary<string, SeriesMail>(messages.Count, StringComparer.Ordinal);
        foreach (var message in messages)
        {
            byId.TryAdd(message.MessageId, message);
        }

        // Members are grouped under the head their thread gives them.
        var members = new Dictionary<string, List<SeriesMail>>(StringComparer.Ordinal);
        foreach (var message in byId.Values.Where(IsMember))
        {
            var head = ThreadHead(message, byId);
            if (!members.TryGetValue(head.MessageId, out var list))
            {
                members[head.MessageId] = list = [];
            }
            list.Add(message);
        }

        // Unthreaded patches: heads that are a later patch of a set join an earlier posting of the same set.
        var postings = new List<List<SeriesMail>>();
        foreach (var group in members.Values.OrderBy(g => ThreadHead(g[0], byId).Date ?? DateTimeOffset.MaxValue)
                     .ThenBy(g => g[0].MessageId, StringComparer.Ordinal))
        {
            var head = ThreadHead(group[0], byId);
            // Patch 1 starts a posting of its own unless a cover letter already did.
            var posting = head.Role == SeriesRole.Patch && head.Total > 1 && head.Date is not null
                ? postings.LastOrDefault(p => SameSet(p[0], head) && Within(p[0].Date, head.Date) && !p.Any(m => m.Index == head.Index)
                    && (head.Index != 1 || p.Any(m => m.Role == SeriesRole.Cover)))
                : null;
            if (posting is null)
            {
                postings.Add([.. group]);
            }
            else
            {
                posting.AddRange(group);
            }
        }

        var memberOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < postings.Count; i++)
        {
            foreach (var member in postings[i])
            {
                memberOf[member.MessageId] = i;
            }
        }

        var replies = postings.Select(_ => new List<(SeriesMail, SeriesMail)>()).ToList();
        foreach (var message in byId.Values.Where(m => m.Role == SeriesRole.Reply))
        {
            if (Owner(message, byId, memberOf) is { } owner)
            {
                replies[memberOf[owner.MessageId]].Add((message, owner));
            }
        }

        return [.. postings.Select((posting, i) => Build(posting, replies[i]))];
    }

    static bool IsMember(SeriesMail message) => message.Role is SeriesRole.Cover or SeriesRole.Patch;

    /// <summary>Same version as written, same declared total, same sender (by address, or by name for a second address).</summary>
    static bool SameSet(SeriesMail a, SeriesMail b) =>
        a.VersionText == b.VersionText && a.Total == b.Total
        && (string.Equals(a.From.Email, b.From.Email, StringComparison.OrdinalIgnoreCase)
            || (a.From.Name.Length > 0 && string.Equals(a.From.Name, b.From.Name, StringComparison.OrdinalIgnoreCase)));

    static bool Within(DateTimeOffset? a, DateTimeOffset? b) => a is { } x && b is { } y && (x - y).Duration() <= PostingWindow;

    static SeriesMail ThreadHead(SeriesMail message, Dictionary<string, SeriesMail> byId)
    {
        var head = message;
        // Hops are bounded: a mail loop through References cannot reach here (threads are trees), but stay safe.
        for (var hops = 0; hops < 1000 && head.Total is not null; hops++)
        {
            if (head.ParentMessageId is null || !byId.TryGetValue(head.ParentMessageId, out var parent) || !IsMember(parent)
                || !SameSet(parent, head))
            {
                break;
            }
            head = parent;
        }
        return head;
    }

    static SeriesMail? Owner(SeriesMail reply, Dictionary<string, SeriesMail> byId, Dictionary<string, int> memberOf)
    {
        var current = reply;
        for (var hops = 0; hops < 1000; hops++)
        {
            if (current.ParentMessageId is null || !byId.TryGetValue(current.ParentMessageId, out var parent))
            {
                return null;
            }
            if (memberOf.ContainsKey(parent.MessageId))
            {
                return parent;
            }
            if (parent.Role != SeriesRole.Reply)
            {
                return null;
            }
            current = parent;
        }
        return null;
    }

    static VersionGroup Build(List<SeriesMail> posting, List<(SeriesMail, SeriesMail)> replies)
    {
        var cover = posting.Where(m => m.Role == SeriesRole.Cover).OrderBy(m => m.Date ?? DateTimeOffset.MaxValue).FirstOrDefault();
        var patches = new List<SeriesMail>();
        var resent = new List<SeriesMail>();
        var seen = new HashSet<int>();
        foreach (var patch in posting.Where(m => m.Role == SeriesRole.Patch)
                     .OrderBy(m => m.Index ?? 1).ThenBy(m => m.Date ?? DateTimeOffset.MaxValue).ThenBy(m => m.MessageId, StringComparer.Ordinal))
        {
            (seen.Add(patch.Index ?? 1) ? patches : resent).Add(patch);
        }
        // A second cover letter of the same posting is a resend of it.
        resent.AddRange(posting.Where(m => m.Role == SeriesRole.Cover && m != cover));

        var head = cover ?? patches[0];
        var total = head.Total ?? 1;
        var missing = Enumerable.Range(1, total).Where(i => !seen.Contains(i)).ToList();
        return new VersionGroup
        {
            Head = head,
            Cover = cover,
            Patches = patches,
            Resent = resent,
            Replies = replies,
            DeclaredTotal = total,
            MissingIndices = missing,
        };
    }
}
