using PatchReview.Core.Decisions;
using PatchReview.Core.Mail;
using PatchReview.Core.Review;
using PatchReview.Data.Queries;

namespace PatchReview.Data.Import;

sealed record ReviewVersion(long Id, long SeriesId, int Version, long? CoverId);

sealed record ReviewPatch(long RowId, long SeriesId, long VersionId, int Index, long? PreviousId, string MessageId, string BodyText, string? PatchId);

sealed record ReviewCover(long Id, string MessageId);

sealed record ReviewChangelogItem(long VersionId, string Text, List<string> CreditedNames, List<string> CreditedEmails, string MessageId);

/// <summary>
/// Everything the review of one series reads: its submitter, its versions in order, their patches and cover
/// letters, and the changelogs. The mail of its threads comes as one <see cref="ReviewThread"/>: threads are separate
/// trees in it, and each message's quotes are found once for all the series' patches.
/// </summary>
sealed record SeriesReviewInput(long SeriesId, Person Submitter, List<ReviewVersion> Versions, List<ReviewPatch> Patches,
    Dictionary<long, ReviewCover> Covers, List<ReviewChangelogItem> Changelog);

/// <summary>
/// What the review of a series is made of, derived from its mail: questions and reviewers over every version, the
/// design decisions, and each patch's comments followed into later versions. Pure: the updater loads and stores.
/// </summary>
static class ReviewDerivation
{
    public static SeriesReview Review(SeriesReviewInput series, ReviewThread mail, Func<ReviewPatch, PatchLines> linesOf)
    {
        var (versions, patches, covers, changelog) = (series.Versions, series.Patches, series.Covers, series.Changelog);
        var successors = patches.Where(p => p.PreviousId is not null).ToLookup(p => p.PreviousId!.Value);
        var versionOf = versions.ToDictionary(v => v.Id, v => v.Version);

        var questions = new List<QuestionRecord>();
        var reviewers = new Dictionary<string, (Person Person, int Comments, int FollowedUp, int Addressed)>(StringComparer.OrdinalIgnoreCase);
        foreach (var version in versions)
        {
            var next = versions.FirstOrDefault(v => v.Version > version.Version);
            string? CreditedInNext(Person reviewer) => next is null ? null : changelog.FirstOrDefault(c => c.VersionId == next.Id
                && (c.CreditedEmails.Contains(reviewer.Email, StringComparer.OrdinalIgnoreCase) || c.CreditedNames.Contains(reviewer.Name, StringComparer.OrdinalIgnoreCase)))?.MessageId;

            var reviewed = patches.Where(p => p.VersionId == version.Id).OrderBy(p => p.Index)
                .Select(p => (p.MessageId, Patch: (ReviewPatch?)p)).ToList();
            if (version.CoverId is { } coverId && covers.TryGetValue(coverId, out var cover))
            {
                reviewed.Insert(0, (cover.MessageId, null));
            }
            foreach (var (messageId, patch) in reviewed.Where(r => mail.Contains(r.MessageId)))
            {
                var comments = mail.CommentsOn(messageId);
                questions.AddRange(mail.QuestionsOn(messageId, comments, CreditedInNext)
                    .Select(q => new QuestionRecord(q.MessageId, q.Author, version.Version, messageId, q.Text, q.AnsweredBy)));

                var successor = patch is null || next is null ? null
                    : successors[patch.RowId].FirstOrDefault(s => versionOf.GetValueOrDefault(s.VersionId) == next.Version);
                var author = mail.SenderOf(messageId);
                foreach (var comment in comments.Where(c => !ReviewThread.SamePerson(c.Author, author)))
                {
                    // One reviewer writes from two addresses (Jason Gunthorpe: jgg@nvidia.com, jgg@ziepe.ca); people are one by full name.
                    var key = comment.Author.Name.Length > 0 ? comment.Author.Name : comment.Author.Email;
                    var entry = reviewers.TryGetValue(key, out var known) ? known : (Person: comment.Author, Comments: 0, FollowedUp: 0, Addressed: 0);
                    entry.Comments++;
                    if (patch is not null && next is not null)
                    {
                        entry.FollowedUp++;
                        var status = CommentFollower.Follow(comment.Anchor, successor is null ? null : linesOf(successor),
                            successor is not null && successor.PatchId == patch.PatchId);
                        if (status is CommentStatus.ChangedAtAnchor or CommentStatus.AnchorRemoved)
                        {
                            entry.Addressed++;
                        }
                    }
                    reviewers[key] = entry;
                }
            }
        }
        var counts = versions.Select(v => v.Version).Distinct()
            .Select(v => new VersionQuestionCount(v, questions.Count(q => q.Version == v), questions.Count(q => q.Version == v && q.AnsweredBy is null)))
            .ToList();
        return new SeriesReview(counts,
            [.. reviewers.Values.OrderByDescending(r => r.Comments).ThenBy(r => r.Person.Name, StringComparer.Ordinal)
                .Select(r => new ReviewerRecord(r.Person, r.Comments, r.FollowedUp, r.Addressed))],
            questions);
    }

    /// <summary>The design decisions of a series, strongest first, as derived (no maintainer's verdict yet).</summary>
    public static List<DecisionRecord> Decisions(SeriesReviewInput series, ReviewThread mail)
    {
        var bodies = series.Patches.ToDictionary(p => p.RowId, p => p.BodyText);
        // A version number posted twice (a RESEND) is read as its last posting, as the series page shows it.
        var versions = series.Versions.GroupBy(v => v.Version).Select(g => g.Last()).Select(v => new DecisionVersion(
            v.Version,
            v.CoverId is { } cover && series.Covers.TryGetValue(cover, out var row) ? row.MessageId : null,
            [.. series.Patches.Where(p => p.VersionId == v.Id).OrderBy(p => p.Index)
                .Select(p => new DecisionPatch(p.MessageId, p.BodyText, p.PreviousId is { } previous ? bodies.GetValueOrDefault(previous) : null))],
            [.. series.Changelog.Where(c => c.VersionId == v.Id).Select(c => new DecisionChangelogItem(c.MessageId, c.Text,
                [.. c.CreditedNames.Zip(c.CreditedEmails, (name, email) => new Person(name, email))]))])).ToList();
        return [.. DecisionFinder.Find(series.Submitter, versions, mail)
            .OrderByDescending(d => d.Confidence).ThenBy(d => d.RaisedIn)
            .Select(d => ToRecord(series.SeriesId, d))];
    }

    /// <summary>
    /// The comments on one patch, each followed through the patch matrix into every later version of the series; a
    /// version without a successor dropped the patch, and so do the versions after it.
    /// </summary>
    public static List<CommentRecord> Comments(SeriesReviewInput series, ReviewPatch patch, ReviewThread mail, Func<ReviewPatch, PatchLines> linesOf)
    {
        var comments = mail.CommentsOn(patch.MessageId);
        if (comments.Count == 0)
        {
            return [];
        }
        var versionOf = series.Versions.ToDictionary(v => v.Id, v => v.Version);
        var own = versionOf[patch.VersionId];
        var chain = new List<(int Version, ReviewPatch? Patch)>();
        var current = patch;
        foreach (var version in series.Versions.Select(v => v.Version).Where(v => v > own).Distinct().Order())
        {
            current = current is null ? null
                : series.Patches.FirstOrDefault(p => versionOf[p.VersionId] == version && p.PreviousId == current.RowId);
            chain.Add((version, current));
        }
        return [.. comments.Select(c => ToRecord(c, [.. chain.Select(v => new LaterVersionStatus(v.Version, v.Patch?.MessageId,
            StatusName(CommentFollower.Follow(c.Anchor, v.Patch is null ? null : linesOf(v.Patch),
                v.Patch is not null && patch.PatchId is not null && v.Patch.PatchId == patch.PatchId))))]))];
    }

    /// <summary>
    /// A decision's id stays the same across re-imports and re-analysis: it is made of the Message-IDs of the
    /// question and the proposal, which never change.
    /// </summary>
    static string DecisionId(long seriesId, Decision decision)
    {
        var question = decision.Steps.First(s => s.Role == StepRole.Question).MessageId;
        var proposal = decision.Steps.FirstOrDefault(s => s.Role == StepRole.Proposal)?.MessageId ?? "";
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(question + "\n" + proposal));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seriesId}-{Convert.ToHexStringLower(hash.AsSpan(0, 6))}");
    }

    static DecisionRecord ToRecord(long seriesId, Decision decision) => new(
        DecisionId(seriesId, decision), seriesId, decision.Title, decision.Status.ToString().ToLowerInvariant(), decision.Confidence,
        decision.Signals, null,
        [.. decision.Steps.Select(s => new DecisionStepRecord(s.Role.ToString().ToLowerInvariant(), s.MessageId, s.Author, s.Version, s.Quote, s.File, s.Line))],
        decision.Identifiers, decision.RaisedIn, decision.Revisits, decision.ShownByDefault);

    static CommentRecord ToRecord(ReviewComment comment, IReadOnlyList<LaterVersionStatus> later) => new(
        comment.MessageId, comment.Author, comment.Date,
        comment.Anchor.Target switch
        {
            CommentTarget.Diff => "diff",
            CommentTarget.CommitMessage => "commit-message",
            _ => "general",
        },
        comment.Anchor.File,
        comment.Anchor.Side switch
        {
            DiffSide.New => "new",
            DiffSide.Old => "old",
            _ => null,
        },
        comment.Anchor.Line, comment.Anchor.AnchorText, comment.Text, comment.Anchor.ByContent, comment.RepliesTo, later);

    static string StatusName(CommentStatus status) => status switch
    {
        CommentStatus.Unchanged => "unchanged",
        CommentStatus.ChangedAtAnchor => "changed-at-anchor",
        CommentStatus.AnchorRemoved => "anchor-removed",
        _ => "patch-dropped",
    };
}
