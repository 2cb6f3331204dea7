using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchReview.Core.Mail;
using PatchReview.Core.Review;
using PatchReview.Data.Import;

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
/// Who said what in replies, comments on patch lines followed across versions, the review of each series and its
/// design decisions: all derived at import (see <c>ReviewUpdater</c>) and read here as stored.
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
        /// <summary>Who said what in its quotes, when it has any and the import analysed them.</summary>
        public string? Quotes { get; init; }

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

    /// <summary>A thread's messages with the stored attribution of their quotes, for a page that shows who said what.</summary>
    internal static IQueryable<MailRow> RowsWithQuotes(PatchReviewDb db) =>
        from m in db.Messages.AsNoTracking()
        from q in db.MessageQuotes.Where(q => q.MessageId == m.Id).DefaultIfEmpty()
        select new MailRow
        {
            Id = m.Id, MessageId = m.MessageId, ThreadId = m.ThreadId, FromName = m.FromName, FromEmail = m.FromEmail, Date = m.Date,
            BodyText = m.BodyText, IsFlowed = m.IsFlowed, DelSp = m.DelSp, IsGhost = m.IsGhost, Quotes = q == null ? null : q.Blocks,
        };

    /// <summary>The blocks of a message with the earlier message each quote comes from; null for an unknown Message-ID.</summary>
    public async Task<MessageQuotes?> GetQuotesAsync(string messageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // served by ix_messages_message_id
        var mail = await RowsWithQuotes(db).Where(m => m.MessageId == messageId && !m.IsGhost).SingleOrDefaultAsync(ct);
        return mail is null ? null : QuotesOf(mail);
    }

    /// <summary>
    /// The blocks of every message of a thread that quotes anything, by Message-ID: what a thread page shows in
    /// place of raw "&gt;" lines. Messages that quote nothing are left out; they are all new text.
    /// </summary>
    internal static Dictionary<string, MessageQuotes> QuotesOf(IEnumerable<MailRow> mails) =>
        mails.Where(m => m.Quotes is not null).ToDictionary(m => m.MessageId, QuotesOf, StringComparer.Ordinal);

    /// <summary>
    /// A message's body split into blocks, each with its author: the sender's own blocks are the sender's, and the
    /// quoted ones take, in order, the sources the import found. A body split otherwise than when it was analysed
    /// (the analysis is older than the splitter) leaves its quotes without a source until the next re-analysis.
    /// </summary>
    static MessageQuotes QuotesOf(MailRow mail)
    {
        var blocks = QuoteSplitter.Split(mail.BodyText, mail.IsFlowed, mail.DelSp);
        var sources = mail.Quotes is null ? [] : JsonSerializer.Deserialize(mail.Quotes, ReviewJson.Default.ListStoredQuoteBlock) ?? [];
        var agree = sources.Count == blocks.Count(b => b.Depth > 0)
            && sources.Select(s => s.Depth).SequenceEqual(blocks.Where(b => b.Depth > 0).Select(b => b.Depth));
        var sender = new Person(mail.FromName, mail.FromEmail);
        var records = new List<QuoteBlockRecord>(blocks.Count);
        var next = 0;
        foreach (var block in blocks)
        {
            if (block.Depth == 0)
            {
                records.Add(new QuoteBlockRecord(0, KindName(block), block.Text, sender, mail.MessageId, null));
                continue;
            }
            var source = agree ? sources[next++] : null;
            records.Add(new QuoteBlockRecord(block.Depth, KindName(block), block.Text, source?.Author, source?.Source, source?.Problem));
        }
        return new MessageQuotes(records);
    }

    /// <summary>The comments on a patch with their fate in later versions; null when the Message-ID is no stored patch.</summary>
    public async Task<IReadOnlyList<CommentRecord>?> GetCommentsAsync(string patchMessageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var patch = await (from m in db.Messages
                           where m.MessageId == patchMessageId
                           join a in db.MailAnalysis on m.Id equals a.MessageId
                           where a.Role == "patch" || a.Role == "pull-patch"
                           from c in db.PatchComments.Where(c => c.MessageId == m.Id).DefaultIfEmpty()
                           select new { Comments = c == null ? null : c.Comments }).SingleOrDefaultAsync(ct);
        if (patch is null)
        {
            return null;
        }
        return patch.Comments is null ? [] : JsonSerializer.Deserialize(patch.Comments, ReviewJson.Default.ListCommentRecord);
    }

    /// <summary>The review of a series across its versions, or null for an unknown series.</summary>
    public async Task<SeriesReview?> GetSeriesReviewAsync(long seriesId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await StoredAsync(db, seriesId, ct) is not { } stored)
        {
            return null;
        }
        return stored.Review is null ? new SeriesReview([], [], []) : JsonSerializer.Deserialize(stored.Review, ReviewJson.Default.SeriesReview);
    }

    /// <summary>The design decisions of a series found in its review, strongest first; null for an unknown series.</summary>
    public async Task<IReadOnlyList<DecisionRecord>?> GetSeriesDecisionsAsync(long seriesId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await StoredAsync(db, seriesId, ct) is not { } stored)
        {
            return null;
        }
        var found = stored.Decisions is null ? [] : JsonSerializer.Deserialize(stored.Decisions, ReviewJson.Default.ListDecisionRecord) ?? [];
        // Maintainers' verdicts and titles are kept apart from what is derived, by decision id.
        var ids = found.Select(d => d.Id).ToList();
        var verdicts = await db.DecisionReviews.AsNoTracking().Where(r => ids.Contains(r.DecisionId)).ToDictionaryAsync(r => r.DecisionId, ct);
        return [.. found.Select(d => verdicts.TryGetValue(d.Id, out var verdict)
            ? d with { Review = verdict.Verdict, Title = verdict.Title ?? d.Title }
            : d)];
    }

    sealed record StoredSeries(string? Review, string? Decisions);

    /// <summary>A series' stored review and decisions: null for an unknown series, null documents for one no import has analysed yet.</summary>
    static Task<StoredSeries?> StoredAsync(PatchReviewDb db, long seriesId, CancellationToken ct) =>
        (from s in db.Series
         where s.Id == seriesId
         from r in db.SeriesReviews.Where(r => r.SeriesId == s.Id).DefaultIfEmpty()
         select r == null ? new StoredSeries(null, null) : new StoredSeries(r.Review, r.Decisions)).SingleOrDefaultAsync(ct)!;

    /// <summary>The series that have decisions, most recently active first: where a site-wide list of decisions looks.</summary>
    public async Task<IReadOnlyList<long>> ListSeriesIdsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from s in db.Series.AsNoTracking()
                      join r in db.SeriesReviews on s.Id equals r.SeriesId
                      where r.DecisionCount > 0
                      orderby s.LastActivity descending, s.Id descending
                      select s.Id).ToListAsync(ct);
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

    static string KindName(ReplyBlock block) => block.Kind switch
    {
        ReplyBlockKind.Attribution => "attribution",
        ReplyBlockKind.Signature => "signature",
        _ => block.Depth == 0 ? "new" : "quoted",
    };

    internal static string? ProblemName(QuoteSourceProblem problem) => problem switch
    {
        QuoteSourceProblem.NotInArchive => "not-in-archive",
        QuoteSourceProblem.NoMatch => "no-match",
        _ => null,
    };
}
