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
    /// <summary>How many patches the version announces: the N of the patches' n/N, else the cover's, else 1.</summary>
    public required int DeclaredTotal { get; init; }
    /// <summary>Indices 1..<see cref="DeclaredTotal"/> that no patch of the version took.</summary>
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
/// patch belongs to the topmost ancestor that is a patch of the same version, total and sender, or the cover letter
/// of that sender and version above them. A cover letter always opens a version of its own, even when it answers an
/// older one. Patches sent without threading (36 of 1,225 patches in linux-s390 2022q2) join the version of the same
/// sender, version and total whose latest mail is at most an hour away, when their index is still free there.
/// </summary>
/// <example>
/// <c>[PATCH v2 0/3]</c> with <c>[PATCH v2 1/3]</c>…<c>[PATCH v2 3/3]</c> below it is one version; so is Christoph
/// Hellwig's untagged <c>use block_device based APIs in block layer consumers v2</c> with <c>[PATCH 01/27]</c>…
/// below it, and <c>[kvm-unit-tests PATCH v3 0/4]</c> over patches that say <c>n/3</c>.
/// </example>
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
        var heads = new List<SeriesMail>();
        foreach (var message in byId.Values.Where(IsMember))
        {
            var head = ThreadHead(message, byId);
            if (!members.TryGetValue(head.MessageId, out var list))
            {
                members[head.MessageId] = list = [];
                heads.Add(head);
            }
            list.Add(message);
        }

        // Unthreaded patches: a thread headed by a later patch of a set joins an earlier posting of the same set.
        var postings = new List<Posting>();
        var bySet = new Dictionary<(string VersionText, int? Total), List<Posting>>();
        foreach (var head in heads.OrderBy(h => h.Date ?? DateTimeOffset.MaxValue).ThenBy(h => h.MessageId, StringComparer.Ordinal))
        {
            var group = members[head.MessageId];
            var set = (head.VersionText, head.Total);
            if (!bySet.TryGetValue(set, out var sameSet))
            {
                bySet[set] = sameSet = [];
            }
            // Patch 1 starts a posting of its own unless a cover letter already did.
            var posting = head.Role == SeriesRole.Patch && head.Total > 1 && head.Date is { } date
                ? sameSet.LastOrDefault(p => SameSender(p.Head, head) && p.Latest is { } latest && date - latest <= PostingWindow
                    && !p.Mails.Any(m => m.Index == head.Index) && (head.Index != 1 || p.Head.Role == SeriesRole.Cover))
                : null;
            if (posting is null)
            {
                posting = new Posting(head);
                postings.Add(posting);
                sameSet.Add(posting);
            }
            posting.Add(group);
        }

        var memberOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < postings.Count; i++)
        {
            foreach (var member in postings[i].Mails)
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

        return [.. postings.Select((posting, i) => Build(posting.Mails, replies[i]))];
    }

    sealed class Posting(SeriesMail head)
    {
        public SeriesMail Head { get; } = head;
        public List<SeriesMail> Mails { get; } = [];
        public DateTimeOffset? Latest { get; private set; }

        public void Add(List<SeriesMail> mails)
        {
            Mails.AddRange(mails);
            foreach (var mail in mails)
            {
                if (mail.Date is { } date && (Latest is null || date > Latest))
                {
                    Latest = date;
                }
            }
        }
    }

    static bool IsMember(SeriesMail message) => message.Role is SeriesRole.Cover or SeriesRole.Patch;

    static bool SameSender(SeriesMail a, SeriesMail b) =>
        string.Equals(a.From.Email, b.From.Email, StringComparison.OrdinalIgnoreCase)
        || (a.From.Name.Length > 0 && string.Equals(a.From.Name, b.From.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Same version as written, same declared total, same sender (by address, or by name for a second address).</summary>
    static bool SameSet(SeriesMail a, SeriesMail b) => a.VersionText == b.VersionText && a.Total == b.Total && SameSender(a, b);

    /// <summary>
    /// Whether a patch hangs under this cover letter as part of its version: same sender, and the same version whatever
    /// the totals (<c>[kvm-unit-tests PATCH v3 0/4] More skey…</c> over patches numbered <c>n/3</c>). A patch that names
    /// no version belongs under the sender's cover of any version when the totals agree or the cover gives none:
    /// <c>[PATCH v2 0/5] bitmap: …</c> over <c>[PATCH 1/5]</c>…, and Christoph Hellwig's untagged
    /// <c>use block_device based APIs in block layer consumers v2</c> over <c>[PATCH 01/27]</c>…. A patch of another
    /// version that names it (<c>[PATCH v2 1/3]</c> below a v1 cover) is a new version, not a member.
    /// </summary>
    static bool BelongsUnder(SeriesMail cover, SeriesMail patch) =>
        SameSender(cover, patch) && (cover.VersionText == patch.VersionText
            || (patch.VersionText == "1" && (cover.Total is null || cover.Total == patch.Total)));

    /// <summary>
    /// Whether a patch continues the set of the patch it hangs under: the same set, or a patch slotted in between by
    /// anyone (<c>[PATCH 34.5/36]</c> from Tony Lindgren below Peter Zijlstra's 36 patches: "here's one more for your
    /// series").
    /// </summary>
    static bool Continues(SeriesMail parent, SeriesMail patch) =>
        SameSet(parent, patch) || (patch.Index is null && parent.Total == patch.Total && parent.VersionText == patch.VersionText);

    static SeriesMail ThreadHead(SeriesMail message, Dictionary<string, SeriesMail> byId)
    {
        var head = message;
        // A cover letter and a patch without n/N head their own version. Hops are bounded: a mail loop through
        // References cannot reach here (threads are trees), but stay safe.
        for (var hops = 0; hops < 1000 && head.Role == SeriesRole.Patch && head.Total is not null; hops++)
        {
            if (head.ParentMessageId is null || !byId.TryGetValue(head.ParentMessageId, out var parent)
                || !(parent.Role == SeriesRole.Patch ? Continues(parent, head) : parent.Role == SeriesRole.Cover && BelongsUnder(parent, head)))
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
        // A fractional index ([PATCH 34.5/36], Index null) slots in last and never counts as a resend.
        foreach (var patch in posting.Where(m => m.Role == SeriesRole.Patch)
                     .OrderBy(m => IndexOf(m) ?? int.MaxValue).ThenBy(m => m.Date ?? DateTimeOffset.MaxValue).ThenBy(m => m.MessageId, StringComparer.Ordinal))
        {
            (IndexOf(patch) is not { } index || seen.Add(index) ? patches : resent).Add(patch);
        }
        // A second cover letter of the same posting is a resend of it.
        resent.AddRange(posting.Where(m => m.Role == SeriesRole.Cover && m != cover));

        var head = cover ?? patches[0];
        // The patches' n/N wins over the cover's: git format-patch numbers the patches, while "[PATCH v3 0/4]" over three
        // patches numbered n/3 was typed by hand. A cover without n/N ("[PATCH v2] Documentation: …") leaves only theirs.
        var total = patches.Max(p => p.Total) ?? cover?.Total ?? 1;
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

    /// <summary>The index a patch takes: its n of n/N, 1 for a single patch, null for a fractional one.</summary>
    static int? IndexOf(SeriesMail patch) => patch.Total is null ? patch.Index ?? 1 : patch.Index;
}
