using Microsoft.EntityFrameworkCore;
using PatchReview.Core.Decisions;
using PatchReview.Core.Mail;
using PatchReview.Core.Review;

namespace PatchReview.Data.Queries;

/// <summary>
/// A block of a message: <c>new</c> text of its sender, <c>quoted</c> text, an <c>attribution</c> line or the
/// <c>signature</c>. <see cref="Author"/> and <see cref="SourceMessageId"/> say whose words it is; for a quote with no
/// source, <see cref="Problem"/> says why (<c>not-in-archive</c>, <c>no-match</c>).
/// </summary>
public sealed record QuoteBlockRecord(int Depth, string Kind, string Text, Person? Author, string? SourceMessageId, string? Problem);

public sealed record MessageQuotes(IReadOnlyList<QuoteBlockRecord> Blocks);

/// <summary>What became of a comment's lines in one later version: unchanged, changed-at-anchor, anchor-removed or patch-dropped.</summary>
public sealed record LaterVersionStatus(int Version, string? PatchMessageId, string Status);

/// <summary>
/// A review comment on a patch. <see cref="Target"/> is <c>diff</c>, <c>commit-message</c> or <c>general</c>; for a
/// diff comment <see cref="File"/>, <see cref="Side"/> and <see cref="Line"/> name the last line quoted above it.
/// <see cref="RepliesTo"/> is the comment's Message-ID it answers, when it answers one rather than the patch.
/// </summary>
public sealed record CommentRecord(string MessageId, Person Author, DateTimeOffset? Date, string Target, string? File, string? Side, int? Line,
    string AnchorText, string Text, bool AnchoredByContent, string? RepliesTo, IReadOnlyList<LaterVersionStatus> LaterVersions);

/// <summary>A reviewer's question on a patch (or on the cover letter) of a version; <see cref="AnsweredBy"/> is null while it is open.</summary>
public sealed record QuestionRecord(string MessageId, Person Author, int Version, string PatchMessageId, string Text, string? AnsweredBy);

/// <summary>A reviewer's comments on a series; <see cref="Addressed"/> of those that had a next version changed or removed their lines there.</summary>
public sealed record ReviewerRecord(Person Reviewer, int Comments, int FollowedUp, int Addressed);

public sealed record VersionQuestionCount(int Version, int Asked, int Open);

/// <summary>The review of a whole series: questions per version and what each reviewer's comments became.</summary>
public sealed record SeriesReview(IReadOnlyList<VersionQuestionCount> Questions, IReadOnlyList<ReviewerRecord> Reviewers,
    IReadOnlyList<QuestionRecord> QuestionList);

/// <summary>One step of a decision's evidence chain: question, proposal, agreement, objection, changelog or implementation.</summary>
public sealed record DecisionStepRecord(string Role, string MessageId, Person Author, int Version, string Quote, string? File, int? Line);

/// <summary>
/// A design decision of a series with its evidence. <see cref="Status"/> is proposed, agreed, implemented or
/// dropped; <see cref="Review"/> is a maintainer's confirmed or rejected, null until one looks at it.
/// </summary>
public sealed record DecisionRecord(string Id, long SeriesId, string Title, string Status, double Confidence, IReadOnlyList<string> Signals,
    string? Review, IReadOnlyList<DecisionStepRecord> Steps, IReadOnlyList<string> Identifiers, int RaisedIn, string? Revisits, bool ShownByDefault);

/// <summary>
/// Who said what in replies, and comments on patch lines followed across versions. Derived from the stored mail on
/// each request (pages cache the result until the next import): a thread's analysis takes milliseconds.
/// </summary>
public sealed class ReviewQueries(IDbContextFactory<PatchReviewDb> dbFactory)
{
    /// <summary>A stored message as the analysis reads it; a class with setters so that queries can filter on its members.</summary>
    internal sealed class MailRow
    {
        public long Id { get; init; }
        public string MessageId { get; init; } = "";
        public long? ParentId { get; init; }
        public string? ParentMessageId { get; init; }
        public long ThreadId { get; init; }
        public string FromName { get; init; } = "";
        public string FromEmail { get; init; } = "";
        public DateTimeOffset? Date { get; init; }
        public string BodyText { get; init; } = "";
        public bool IsFlowed { get; init; }
        public bool DelSp { get; init; }
        public bool IsGhost { get; init; }

        public ThreadMail ToThreadMail() => new(MessageId, ParentMessageId, new Person(FromName, FromEmail), Date, BodyText, IsFlowed, DelSp);
    }

    internal static IQueryable<MailRow> Rows(PatchReviewDb db) =>
        from m in db.Messages.AsNoTracking()
        from parent in db.Messages.Where(p => p.Id == m.ParentId).DefaultIfEmpty()
        select new MailRow
        {
            Id = m.Id, MessageId = m.MessageId, ParentId = m.ParentId, ParentMessageId = parent == null ? null : parent.MessageId,
            ThreadId = m.ThreadId, FromName = m.FromName, FromEmail = m.FromEmail, Date = m.Date, BodyText = m.BodyText,
            IsFlowed = m.IsFlowed, DelSp = m.DelSp, IsGhost = m.IsGhost,
        };

    /// <summary>The blocks of a message with the earlier message each quote comes from; null for an unknown Message-ID.</summary>
    public async Task<MessageQuotes?> GetQuotesAsync(string messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // served by ix_messages_message_id, then the primary key once per ancestor
        var mail = await Rows(db).Where(m => m.MessageId == messageId && !m.IsGhost).SingleOrDefaultAsync(ct);
        if (mail is null)
        {
            return null;
        }
        var chain = new List<MailRow> { mail };
        var seen = new HashSet<long> { mail.Id };
        for (var parent = mail.ParentId; parent is { } id && seen.Add(id);)
        {
            var row = await Rows(db).Where(m => m.Id == id && !m.IsGhost).SingleOrDefaultAsync(ct);
            if (row is null)
            {
                break;
            }
            chain.Add(row);
            parent = row.ParentId;
        }
        var thread = ReviewThread.Of(chain.Select(r => r.ToThreadMail()));
        return new MessageQuotes([.. thread.Quotes(messageId).Select(ToRecord)]);
    }

    /// <summary>
    /// The blocks of every message of a thread that quotes anything, by Message-ID: what a thread page shows in
    /// place of raw "&gt;" lines. Messages that quote nothing are left out; they are all new text.
    /// </summary>
    internal static Dictionary<string, MessageQuotes> QuotesOf(IReadOnlyList<MailRow> mails)
    {
        var thread = ReviewThread.Of(mails.Select(m => m.ToThreadMail()));
        var quotes = new Dictionary<string, MessageQuotes>(StringComparer.Ordinal);
        foreach (var mail in mails)
        {
            var blocks = thread.Quotes(mail.MessageId);
            if (blocks.Any(b => b.Block.Depth > 0))
            {
                quotes[mail.MessageId] = new MessageQuotes([.. blocks.Select(ToRecord)]);
            }
        }
        return quotes;
    }

    /// <summary>The comments on a patch with their fate in later versions; null when the Message-ID is no stored patch.</summary>
    public async Task<IReadOnlyList<CommentRecord>?> GetCommentsAsync(string patchMessageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var patch = await (from m in db.Messages
                           where m.MessageId == patchMessageId
                           join a in db.MailAnalysis on m.Id equals a.MessageId
                           where a.Role == "patch" || a.Role == "pull-patch"
                           select new { m.Id, m.ThreadId }).SingleOrDefaultAsync(ct);
        if (patch is null)
        {
            return null;
        }
        // served by ix_messages_thread_id_date
        var mails = await Rows(db).Where(m => m.ThreadId == patch.ThreadId && !m.IsGhost).ToListAsync(ct);
        var thread = ReviewThread.Of(mails.Select(m => m.ToThreadMail()));
        var comments = thread.CommentsOn(patchMessageId);
        var later = await LaterVersionsAsync(db, patch.Id, ct);
        return [.. comments.Select(c => ToRecord(c, later.Select(v => new LaterVersionStatus(v.Version, v.MessageId,
            StatusName(CommentFollower.Follow(c.Anchor, v.Lines, v.SameCode)))).ToList()))];
    }

    /// <summary>The review of a series across its versions, or null for an unknown series.</summary>
    public async Task<SeriesReview?> GetSeriesReviewAsync(long seriesId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await LoadSeriesAsync(db, seriesId, ct) is not { } loaded)
        {
            return null;
        }
        var (versions, patches, covers, mails, changelog) = loaded;
        var threads = mails.GroupBy(m => m.ThreadId).ToDictionary(g => g.Key, g => ReviewThread.Of(g.Select(m => m.ToThreadMail())));
        var successors = patches.Where(p => p.PreviousId is not null).ToLookup(p => p.PreviousId!.Value);
        var versionOf = versions.ToDictionary(v => v.Id, v => v.Version);
        var lines = new Dictionary<long, PatchLines>();
        PatchLines LinesOf(PatchRow p) => lines.TryGetValue(p.RowId, out var l) ? l : lines[p.RowId] = PatchLines.Of(p.BodyText);

        var questions = new List<QuestionRecord>();
        var reviewers = new Dictionary<string, (Person Person, int Comments, int FollowedUp, int Addressed)>(StringComparer.OrdinalIgnoreCase);
        foreach (var version in versions)
        {
            var next = versions.FirstOrDefault(v => v.Version > version.Version);
            string? CreditedInNext(Person reviewer) => next is null ? null : changelog.FirstOrDefault(c => c.VersionId == next.Id
                && (c.CreditedEmails.Contains(reviewer.Email, StringComparer.OrdinalIgnoreCase) || c.CreditedNames.Contains(reviewer.Name, StringComparer.OrdinalIgnoreCase)))?.MessageId;

            var reviewed = patches.Where(p => p.VersionId == version.Id).OrderBy(p => p.Index)
                .Select(p => (p.MessageId, p.ThreadId, Patch: (PatchRow?)p)).ToList();
            if (version.CoverId is { } coverId && covers.TryGetValue(coverId, out var cover))
            {
                reviewed.Insert(0, (cover.MessageId, cover.ThreadId, null));
            }
            foreach (var (messageId, threadId, patch) in reviewed)
            {
                if (!threads.TryGetValue(threadId, out var thread) || !thread.Contains(messageId))
                {
                    continue;
                }
                var comments = thread.CommentsOn(messageId);
                questions.AddRange(thread.QuestionsOn(messageId, comments, CreditedInNext)
                    .Select(q => new QuestionRecord(q.MessageId, q.Author, version.Version, messageId, q.Text, q.AnsweredBy)));

                var successor = patch is null || next is null ? null
                    : successors[patch.RowId].FirstOrDefault(s => versionOf.GetValueOrDefault(s.VersionId) == next.Version);
                var author = mails.First(m => m.MessageId == messageId);
                foreach (var comment in comments.Where(c => !ReviewThread.SamePerson(c.Author, new Person(author.FromName, author.FromEmail))))
                {
                    // One reviewer writes from two addresses (Jason Gunthorpe: jgg@nvidia.com, jgg@ziepe.ca); people are one by full name.
                    var key = comment.Author.Name.Length > 0 ? comment.Author.Name : comment.Author.Email;
                    var entry = reviewers.TryGetValue(key, out var known) ? known : (Person: comment.Author, Comments: 0, FollowedUp: 0, Addressed: 0);
                    entry.Comments++;
                    if (patch is not null && next is not null)
                    {
                        entry.FollowedUp++;
                        var status = CommentFollower.Follow(comment.Anchor, successor is null ? null : LinesOf(successor),
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

    sealed record VersionRow(long Id, int Version, long? CoverId);

    sealed record CoverRow(long Id, string MessageId, long ThreadId);

    sealed record ChangelogRow(long VersionId, string Text, List<string> CreditedNames, List<string> CreditedEmails, string MessageId);

    /// <summary>What the review of a series reads: its versions in order, their patches and cover letters, every message of their threads, and the changelogs.</summary>
    sealed record LoadedSeries(List<VersionRow> Versions, List<PatchRow> Patches, Dictionary<long, CoverRow> Covers, List<MailRow> Mails, List<ChangelogRow> Changelog);

    static async Task<LoadedSeries?> LoadSeriesAsync(PatchReviewDb db, long seriesId, CancellationToken ct)
    {
        var versions = await db.SeriesVersions.AsNoTracking().Where(v => v.SeriesId == seriesId)
            .OrderBy(v => v.Version).ThenBy(v => v.Date).Select(v => new VersionRow(v.Id, v.Version, v.CoverId)).ToListAsync(ct);
        if (versions.Count == 0)
        {
            return null;
        }
        var patches = await (from p in db.VersionPatches.AsNoTracking()
                             where p.SeriesId == seriesId
                             join m in db.Messages on p.MessageId equals m.Id
                             join a in db.MailAnalysis on m.Id equals a.MessageId
                             select new PatchRow(p.MessageId, p.VersionId, p.Index, p.PreviousId, m.MessageId, m.ThreadId, m.BodyText, a.PatchId))
            .ToListAsync(ct);
        var coverIds = versions.Where(v => v.CoverId is not null).Select(v => v.CoverId!.Value).ToList();
        var covers = await db.Messages.AsNoTracking().Where(m => coverIds.Contains(m.Id)).Select(m => new CoverRow(m.Id, m.MessageId, m.ThreadId))
            .ToDictionaryAsync(m => m.Id, ct);
        var threadIds = patches.Select(p => p.ThreadId).Concat(covers.Values.Select(c => c.ThreadId)).Distinct().ToList();
        // served by ix_messages_thread_id_date
        var mails = await Rows(db).Where(m => threadIds.Contains(m.ThreadId) && !m.IsGhost).ToListAsync(ct);
        var versionIds = versions.Select(v => v.Id).ToList();
        var changelog = await db.ChangelogEntries.AsNoTracking().Where(c => versionIds.Contains(c.VersionId)).OrderBy(c => c.N)
            .Join(db.Messages, c => c.SourceId, m => m.Id, (c, m) => new ChangelogRow(c.VersionId, c.Text, c.CreditedNames, c.CreditedEmails, m.MessageId))
            .ToListAsync(ct);
        return new LoadedSeries(versions, patches, covers, mails, changelog);
    }

    /// <summary>The design decisions of a series found in its review, strongest first; null for an unknown series.</summary>
    public async Task<IReadOnlyList<DecisionRecord>?> GetSeriesDecisionsAsync(long seriesId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await LoadSeriesAsync(db, seriesId, ct) is not { } loaded)
        {
            return null;
        }
        var submitter = await db.Series.Where(s => s.Id == seriesId).Select(s => new Person(s.SubmitterName, s.SubmitterEmail)).SingleAsync(ct);
        var bodies = loaded.Patches.ToDictionary(p => p.RowId, p => p.BodyText);
        // A version number posted twice (a RESEND) is read as its last posting, as the series page shows it.
        var versions = loaded.Versions.GroupBy(v => v.Version).Select(g => g.Last()).Select(v => new DecisionVersion(
            v.Version,
            v.CoverId is { } cover && loaded.Covers.TryGetValue(cover, out var row) ? row.MessageId : null,
            [.. loaded.Patches.Where(p => p.VersionId == v.Id).OrderBy(p => p.Index)
                .Select(p => new DecisionPatch(p.MessageId, p.BodyText, p.PreviousId is { } previous ? bodies.GetValueOrDefault(previous) : null))],
            [.. loaded.Changelog.Where(c => c.VersionId == v.Id).Select(c => new DecisionChangelogItem(c.MessageId, c.Text,
                [.. c.CreditedNames.Zip(c.CreditedEmails, (name, email) => new Person(name, email))]))])).ToList();
        var review = ReviewThread.Of(loaded.Mails.Select(m => m.ToThreadMail()));
        var found = DecisionFinder.Find(submitter, versions, review)
            .OrderByDescending(d => d.Confidence).ThenBy(d => d.RaisedIn)
            .Select(d => ToRecord(seriesId, d)).ToList();
        // Maintainers' verdicts and titles are kept apart from what is derived, by decision id.
        var ids = found.Select(d => d.Id).ToList();
        var verdicts = await db.DecisionReviews.AsNoTracking().Where(r => ids.Contains(r.DecisionId)).ToDictionaryAsync(r => r.DecisionId, ct);
        return [.. found.Select(d => verdicts.TryGetValue(d.Id, out var verdict)
            ? d with { Review = verdict.Verdict, Title = verdict.Title ?? d.Title }
            : d)];
    }

    /// <summary>Every series' id, most recently active first: where a site-wide list of decisions looks.</summary>
    public async Task<IReadOnlyList<long>> ListSeriesIdsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Series.AsNoTracking().OrderByDescending(s => s.LastActivity).ThenByDescending(s => s.Id).Select(s => s.Id).ToListAsync(ct);
    }

    /// <summary>One decision by its id (<c>{seriesId}-{key}</c>), or null.</summary>
    public async Task<DecisionRecord?> GetDecisionAsync(string id, CancellationToken ct) =>
        SeriesOfDecision(id) is { } seriesId ? (await GetSeriesDecisionsAsync(seriesId, ct))?.FirstOrDefault(d => d.Id == id) : null;

    /// <summary>The series a decision id names (<c>{seriesId}-{key}</c>), or null for an id of another shape.</summary>
    public static long? SeriesOfDecision(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(id.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seriesId)
            ? seriesId
            : null;
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

    sealed record PatchRow(long RowId, long VersionId, int Index, long? PreviousId, string MessageId, long ThreadId, string BodyText, string? PatchId);

    sealed record LaterPatch(int Version, string? MessageId, PatchLines? Lines, bool SameCode);

    /// <summary>
    /// The patch's successor in each later version of its series, through the patch matrix; a version without one
    /// dropped the patch, and so do the versions after it.
    /// </summary>
    static async Task<List<LaterPatch>> LaterVersionsAsync(PatchReviewDb db, long patchRowId, CancellationToken ct)
    {
        var place = await (from p in db.VersionPatches
                           where p.MessageId == patchRowId
                           join v in db.SeriesVersions on p.VersionId equals v.Id
                           select new { p.SeriesId, v.Version }).FirstOrDefaultAsync(ct);
        if (place is null)
        {
            return [];
        }
        var later = await (from p in db.VersionPatches.AsNoTracking()
                           where p.SeriesId == place.SeriesId
                           join v in db.SeriesVersions on p.VersionId equals v.Id
                           where v.Version > place.Version
                           select new { p.MessageId, p.PreviousId, v.Version }).ToListAsync(ct);
        var laterVersions = await db.SeriesVersions.Where(v => v.SeriesId == place.SeriesId && v.Version > place.Version)
            .Select(v => v.Version).Distinct().OrderBy(v => v).ToListAsync(ct);
        var chain = new List<(int Version, long? RowId)>();
        long? current = patchRowId;
        foreach (var version in laterVersions)
        {
            current = current is null ? null : later.FirstOrDefault(p => p.Version == version && p.PreviousId == current)?.MessageId;
            chain.Add((version, current));
        }
        var ids = chain.Where(c => c.RowId is not null).Select(c => c.RowId!.Value).Append(patchRowId).ToList();
        var bodies = await (from m in db.Messages
                            where ids.Contains(m.Id)
                            join a in db.MailAnalysis on m.Id equals a.MessageId
                            select new { m.Id, m.MessageId, m.BodyText, a.PatchId }).ToDictionaryAsync(m => m.Id, ct);
        var own = bodies[patchRowId].PatchId;
        return [.. chain.Select(c => c.RowId is { } id && bodies.TryGetValue(id, out var body)
            ? new LaterPatch(c.Version, body.MessageId, PatchLines.Of(body.BodyText), body.PatchId is not null && body.PatchId == own)
            : new LaterPatch(c.Version, null, null, false))];
    }

    static QuoteBlockRecord ToRecord(AttributedBlock block) => new(
        block.Block.Depth,
        block.Block.Kind switch
        {
            ReplyBlockKind.Attribution => "attribution",
            ReplyBlockKind.Signature => "signature",
            _ => block.Block.Depth == 0 ? "new" : "quoted",
        },
        block.Block.Text, block.Author, block.SourceMessageId,
        block.Problem switch
        {
            QuoteSourceProblem.NotInArchive => "not-in-archive",
            QuoteSourceProblem.NoMatch => "no-match",
            _ => null,
        });

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

    public static string StatusName(CommentStatus status) => status switch
    {
        CommentStatus.Unchanged => "unchanged",
        CommentStatus.ChangedAtAnchor => "changed-at-anchor",
        CommentStatus.AnchorRemoved => "anchor-removed",
        _ => "patch-dropped",
    };
}
