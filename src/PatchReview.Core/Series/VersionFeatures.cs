namespace PatchReview.Core.Series;

/// <summary>What version linking compares of one posted version; <see cref="Of"/> builds it from a grouped version.</summary>
/// <param name="Key">The version's head Message-ID.</param>
/// <param name="AuthorKey">Who sent it, as one person: two addresses of one person give the same key.</param>
/// <param name="IsResend">The subject says RESEND: the same version sent again.</param>
/// <param name="MessageIds">The head, the cover and the patches: what a later version may link to.</param>
/// <param name="ThreadIds"><paramref name="MessageIds"/>, resent patches, and every reply below them: the conversation
/// this version owns, which a later version may answer.</param>
/// <param name="RepliedIds">What the version's own mail answers outside it: the parent of its cover or a patch, and the
/// root of that one's thread. A respin sent in reply to a review names the review (and the earlier version at the root).</param>
/// <param name="MentionedIds">Message-IDs of earlier mail that the cover letter or the notes link to.</param>
/// <param name="LabelledIds">Those of <paramref name="MentionedIds"/> that a line labels as an earlier version (<c>v3: https://…</c>).</param>
/// <param name="ChangeIds"><c>change-id:</c> values (b4 writes them in the cover letter).</param>
/// <param name="SupersedesIds">Message-IDs named by a <c>Supersedes:</c> line.</param>
/// <param name="PatchTitles">Normalised titles of the patches, without their subsystem prefix (<see cref="WithoutSubsystem"/>).</param>
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
    IReadOnlySet<string> ThreadIds,
    IReadOnlySet<string> RepliedIds,
    IReadOnlySet<string> MentionedIds,
    IReadOnlySet<string> LabelledIds,
    IReadOnlySet<string> ChangeIds,
    IReadOnlySet<string> SupersedesIds,
    IReadOnlySet<string> PatchTitles,
    IReadOnlySet<string> Files)
{
    /// <summary>
    /// A stable backport (<see cref="MailFacts.IsStableBackport"/>): it neither has nor is a previous version.
    /// </summary>
    public bool IsBackport { get; init; }

    /// <summary>One patch without a cover letter and without <c>n/N</c> (or <c>1/1</c>).</summary>
    public bool IsSinglePatch { get; init; }

    /// <summary><see cref="TextSketch"/>es of the cover letter and of each patch's commit message, those long enough to compare.</summary>
    public IReadOnlyList<IReadOnlyList<long>> TextSketches { get; init; } = [];

    /// <summary>
    /// Describes a grouped version for linking.
    /// </summary>
    /// <param name="group">The version.</param>
    /// <param name="authorKey">The person who wrote it (see <see cref="AuthorKey"/>).</param>
    /// <param name="isResend">Its head's subject says RESEND.</param>
    /// <param name="headReferences">What its head (the cover, else the first patch) says about other mail.</param>
    /// <param name="filesOf">The paths a member's diff touches, by Message-ID.</param>
    /// <param name="textSketchOf">The <see cref="TextSketch"/> of a patch's commit message or a cover letter's text, by Message-ID; null when unknown.</param>
    public static VersionFeatures Of(VersionGroup group, string authorKey, bool isResend, SeriesReferences headReferences,
        Func<string, IEnumerable<string>> filesOf, Func<string, IReadOnlyList<long>?> textSketchOf)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(authorKey);
        ArgumentNullException.ThrowIfNull(headReferences);
        ArgumentNullException.ThrowIfNull(filesOf);
        ArgumentNullException.ThrowIfNull(textSketchOf);
        var members = (group.Cover is { } cover ? group.Patches.Prepend(cover) : group.Patches).ToList();
        if (!members.Contains(group.Head))
        {
            members.Add(group.Head);
        }
        var messageIds = members.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        var own = group.Resent.Concat(members);
        var threadIds = own.Select(m => m.MessageId).Concat(group.Replies.Select(r => r.Reply.MessageId)).ToHashSet(StringComparer.Ordinal);
        var replied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mail in own)
        {
            if (mail.ParentMessageId is { } parent && !threadIds.Contains(parent))
            {
                replied.Add(parent);
                if (!threadIds.Contains(mail.ThreadRootMessageId))
                {
                    replied.Add(mail.ThreadRootMessageId);
                }
            }
        }
        HashSet<string> Set(IEnumerable<string> values) => values.ToHashSet(StringComparer.Ordinal);
        return new VersionFeatures(
            group.Head.MessageId, group.Version, group.VersionText, group.IsRfc, isResend, authorKey, group.Date, group.NormalizedTitle,
            MessageIds: messageIds,
            ThreadIds: threadIds,
            RepliedIds: replied,
            MentionedIds: Set(headReferences.LinkedIds),
            LabelledIds: Set(headReferences.LabelledIds),
            ChangeIds: Set(headReferences.ChangeIds),
            SupersedesIds: Set(headReferences.SupersedesIds),
            PatchTitles: Set(group.Patches.Select(p => WithoutSubsystem(p.NormalizedTitle)).Where(t => t.Length > 0)),
            Files: Set(members.SelectMany(m => filesOf(m.MessageId))))
        {
            IsSinglePatch = group.Cover is null && group.Patches.Count == 1 && group.DeclaredTotal == 1,
            TextSketches = [.. members.Select(m => textSketchOf(m.MessageId)).OfType<IReadOnlyList<long>>()
                .Where(s => s.Count >= TextSketch.MinimumShingles)],
        };
    }

    /// <summary>
    /// A title without its subsystem prefix, the text after the last <c>": "</c>: <c>s390x: kvm: cpu topology</c> is
    /// <c>cpu topology</c>. Prefixes get renamed between versions: every patch of "s390x: KVM: CPU Topology" went from
    /// <c>s390x: KVM:</c> to <c>KVM: s390:</c> between v9 and v10.
    /// </summary>
    public static string WithoutSubsystem(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return title.LastIndexOf(": ", StringComparison.Ordinal) is >= 0 and var colon ? title[(colon + 2)..] : title;
    }
}
