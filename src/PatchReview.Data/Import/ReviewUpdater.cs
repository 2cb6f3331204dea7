using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using PatchReview.Core.Mail;
using PatchReview.Core.Review;
using PatchReview.Data.Queries;

namespace PatchReview.Data.Import;

/// <summary>
/// Derives the review of the series an import touched, once its series are current: who said what in every reply
/// of the threads that changed, each patch's comments followed into later versions, questions and reviewers per
/// series, and the design decisions. Pages read the stored documents; nothing is derived on a request. The threads
/// of a few series are read and analysed at a time, so memory follows the batch, not the import.
/// </summary>
sealed class ReviewUpdater(PatchReviewDb db, DatabaseProvider provider)
{
    /// <summary>Threads read at once: a thousand or two messages on a kernel list, a few megabytes of text.</summary>
    const int ThreadsPerBatch = 100;

    /// <summary>Batches analysed at once, one a core: two to four, since each holds its batch's mail in memory.</summary>
    static readonly int ParallelBatches = Math.Clamp(Environment.ProcessorCount, 2, 4);

    readonly SeriesRowWriter _writer = new(db, provider);
    readonly HashSet<long> _quoted = [];

    /// <param name="seriesIds">The series just written: each is analysed whole, with every thread of every version.</param>
    /// <param name="touchedThreads">Threads that gained or lost mail: who said what changes only in those.</param>
    public async Task UpdateAsync(IReadOnlyCollection<long> seriesIds, IReadOnlyCollection<long> touchedThreads, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await PostgresImportStore.LockWritersAsync(db, provider, ct);
        var ids = seriesIds.ToList();
        var touched = touchedThreads.ToHashSet();
        var patchThreads = await (from p in db.VersionPatches
                                  where ids.Contains(p.SeriesId)
                                  join m in db.Messages on p.MessageId equals m.Id
                                  select new { p.SeriesId, m.ThreadId }).Distinct().ToListAsync(ct);
        var coverThreads = await (from v in db.SeriesVersions
                                  where ids.Contains(v.SeriesId)
                                  join m in db.Messages on v.CoverId equals m.Id
                                  select new { v.SeriesId, m.ThreadId }).Distinct().ToListAsync(ct);
        var threadsOf = patchThreads.Concat(coverThreads).ToLookup(t => t.SeriesId, t => t.ThreadId);

        // Batches are read and written in turn on the one connection; their analysis, pure and the bulk of the
        // work, runs on the thread pool meanwhile, a batch a core, while the database waits.
        var analysing = new Queue<Task<BatchRows>>();
        async Task AnalyseAsync(List<long> series, List<long> threads)
        {
            var batch = await LoadAsync(series, threads, threadsOf, touched, ct);
            analysing.Enqueue(Task.Run(() => Analyse(batch), ct));
            if (analysing.Count >= ParallelBatches)
            {
                await WriteAsync(await analysing.Dequeue(), ct);
            }
        }

        var series = new List<long>();
        var threads = new HashSet<long>();
        foreach (var id in ids)
        {
            series.Add(id);
            threads.UnionWith(threadsOf[id]);
            if (threads.Count >= ThreadsPerBatch)
            {
                await AnalyseAsync([.. series], [.. threads]);
                series.Clear();
                threads.Clear();
            }
        }
        if (series.Count > 0)
        {
            await AnalyseAsync(series, [.. threads]);
        }
        // Discussions outside any series still say who said what.
        foreach (var rest in touched.Except(_quoted).Chunk(ThreadsPerBatch).ToList())
        {
            await AnalyseAsync([], [.. rest]);
        }
        while (analysing.TryDequeue(out var rows))
        {
            await WriteAsync(await rows, ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The mail of a batch's threads and what its series read besides, with the threads of each series.
    /// <see cref="QuotedThreads"/> are the touched threads whose quotes this batch stores: a thread shared by two
    /// series' batches is stored once.
    /// </summary>
    sealed record Batch(List<long> SeriesIds, List<ReviewQueries.MailRow> Mails, List<SeriesReviewInput> Inputs,
        ILookup<long, long> ThreadsOf, HashSet<long> QuotedThreads);

    /// <summary>A batch's stored documents, and the keys whose earlier documents they replace.</summary>
    sealed record BatchRows(List<long> SeriesIds, List<long> QuotedMessages, List<long> AnalysedPatches,
        List<object?[]> Quotes, List<object?[]> Comments, List<object?[]> Reviews);

    async Task<Batch> LoadAsync(List<long> seriesIds, List<long> threads, ILookup<long, long> threadsOf, HashSet<long> touched,
        CancellationToken ct)
    {
        // served by ix_messages_thread_id_date
        var mails = await ReviewQueries.Rows(db).Where(m => threads.Contains(m.ThreadId) && !m.IsGhost).ToListAsync(ct);
        var inputs = await LoadSeriesAsync(seriesIds, mails, ct);
        return new Batch(seriesIds, mails, inputs, threadsOf, [.. threads.Where(t => touched.Contains(t) && _quoted.Add(t))]);
    }

    /// <summary>
    /// Each series is analysed with the mail of its own threads, and what was worked out for it is let go before the
    /// next: kept for the whole batch, it outlived a few collections and the collector spent more time copying it
    /// than the analysis took. Threads of no series of the batch are analysed one at a time.
    /// </summary>
    static BatchRows Analyse(Batch batch)
    {
        var mailsOf = batch.Mails.ToLookup(m => m.ThreadId);
        var quoteRows = new List<object?[]>();
        var reviewRows = new List<object?[]>();
        var commentRows = new List<object?[]>();
        var quotedDone = new HashSet<long>();

        void StoreQuotes(ReviewThread review, IEnumerable<long> threads)
        {
            // Patches and many replies quote nothing: they are not split into blocks to find that out.
            foreach (var mail in threads.Where(t => batch.QuotedThreads.Contains(t) && quotedDone.Add(t)).SelectMany(t => mailsOf[t])
                .Where(m => review.HasQuotes(m.MessageId)))
            {
                var blocks = review.Quotes(mail.MessageId);
                if (blocks.Any(b => b.Block.Depth > 0))
                {
                    quoteRows.Add([mail.Id, Serialize(StoredQuoteBlock.From(blocks), ReviewJson.Default.ListStoredQuoteBlock)]);
                }
            }
        }

        foreach (var input in batch.Inputs)
        {
            var threads = batch.ThreadsOf[input.SeriesId].Distinct().ToList();
            var review = ReviewThread.Of(threads.SelectMany(t => mailsOf[t]).Select(m => m.ToThreadMail()));
            StoreQuotes(review, threads);
            // Every patch of the series is in its mail: its thread was read with the rest.
            PatchLines LinesOf(ReviewPatch p) => review.LinesOf(p.MessageId);
            var decisions = ReviewDerivation.Decisions(input, review);
            reviewRows.Add([input.SeriesId, Serialize(ReviewDerivation.Review(input, review, LinesOf), ReviewJson.Default.SeriesReview),
                Serialize(decisions, ReviewJson.Default.ListDecisionRecord), decisions.Count]);
            foreach (var patch in input.Patches.Where(p => review.Contains(p.MessageId)))
            {
                if (ReviewDerivation.Comments(input, patch, review, LinesOf) is { Count: > 0 } comments)
                {
                    commentRows.Add([patch.RowId, Serialize(comments, ReviewJson.Default.ListCommentRecord)]);
                }
            }
        }
        foreach (var thread in batch.QuotedThreads.Where(t => !quotedDone.Contains(t)).ToList())
        {
            StoreQuotes(ReviewThread.Of(mailsOf[thread].Select(m => m.ToThreadMail())), [thread]);
        }
        return new BatchRows(batch.SeriesIds, [.. batch.Mails.Where(m => batch.QuotedThreads.Contains(m.ThreadId)).Select(m => m.Id)],
            [.. batch.Inputs.SelectMany(i => i.Patches).Select(p => p.RowId)], quoteRows, commentRows, reviewRows);
    }

    async Task WriteAsync(BatchRows rows, CancellationToken ct)
    {
        await db.MessageQuotes.Where(q => rows.QuotedMessages.Contains(q.MessageId)).ExecuteDeleteAsync(ct);
        await db.PatchComments.Where(c => rows.AnalysedPatches.Contains(c.MessageId)).ExecuteDeleteAsync(ct);
        await db.SeriesReviews.Where(r => rows.SeriesIds.Contains(r.SeriesId)).ExecuteDeleteAsync(ct);
        await _writer.InsertAsync("message_quotes", ["message_id", "blocks"], rows.Quotes, ct);
        await _writer.InsertAsync("patch_comments", ["message_id", "comments"], rows.Comments, ct);
        await _writer.InsertAsync("series_reviews", ["series_id", "review", "decisions", "decision_count"], rows.Reviews, ct);
    }

    /// <summary>What the review of each series reads besides the mail: submitter, versions, patches, cover letters, changelogs.</summary>
    async Task<List<SeriesReviewInput>> LoadSeriesAsync(List<long> seriesIds, List<ReviewQueries.MailRow> mails, CancellationToken ct)
    {
        if (seriesIds.Count == 0)
        {
            return [];
        }
        var submitters = await db.Series.AsNoTracking().Where(s => seriesIds.Contains(s.Id))
            .Select(s => new { s.Id, s.SubmitterName, s.SubmitterEmail }).ToDictionaryAsync(s => s.Id, ct);
        var versions = await db.SeriesVersions.AsNoTracking().Where(v => seriesIds.Contains(v.SeriesId))
            .OrderBy(v => v.Version).ThenBy(v => v.Date).Select(v => new ReviewVersion(v.Id, v.SeriesId, v.Version, v.CoverId)).ToListAsync(ct);
        // Bodies come from the mail already read: every patch's thread is in the batch.
        var bodies = mails.ToDictionary(m => m.Id, m => m.BodyText);
        var patches = (await (from p in db.VersionPatches.AsNoTracking()
                              where seriesIds.Contains(p.SeriesId)
                              join m in db.Messages on p.MessageId equals m.Id
                              join a in db.MailAnalysis on m.Id equals a.MessageId
                              select new { p.MessageId, p.SeriesId, p.VersionId, p.Index, p.PreviousId, MailId = m.MessageId, a.PatchId })
                .ToListAsync(ct))
            .Select(p => new ReviewPatch(p.MessageId, p.SeriesId, p.VersionId, p.Index, p.PreviousId, p.MailId, bodies.GetValueOrDefault(p.MessageId, ""), p.PatchId))
            .ToList();
        var coverIds = versions.Where(v => v.CoverId is not null).Select(v => v.CoverId!.Value).ToHashSet();
        var covers = mails.Where(m => coverIds.Contains(m.Id)).ToDictionary(m => m.Id, m => new ReviewCover(m.Id, m.MessageId));
        var versionIds = versions.Select(v => v.Id).ToList();
        var changelog = await db.ChangelogEntries.AsNoTracking().Where(c => versionIds.Contains(c.VersionId)).OrderBy(c => c.N)
            .Join(db.Messages, c => c.SourceId, m => m.Id, (c, m) => new { c.VersionId, c.Text, c.CreditedNames, c.CreditedEmails, m.MessageId })
            .ToListAsync(ct);
        // A batch holds a hundred series or so: each takes its own rows by lookup, not by a scan of the batch's.
        var seriesOfVersion = versions.ToDictionary(v => v.Id, v => v.SeriesId);
        var versionsOf = versions.ToLookup(v => v.SeriesId);
        var patchesOf = patches.ToLookup(p => p.SeriesId);
        var changelogOf = changelog.ToLookup(c => seriesOfVersion[c.VersionId],
            c => new ReviewChangelogItem(c.VersionId, c.Text, c.CreditedNames, c.CreditedEmails, c.MessageId));
        return [.. seriesIds.Where(submitters.ContainsKey).Select(id => new SeriesReviewInput(
            id,
            new Person(submitters[id].SubmitterName, submitters[id].SubmitterEmail),
            [.. versionsOf[id]],
            [.. patchesOf[id]],
            covers,
            [.. changelogOf[id]]))];
    }

    static string Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);
}

/// <summary>
/// Whose words one quoted block of a reply is, as stored, in the order of the reply's quoted blocks. The text is
/// the body split again when read, and the sender's own blocks are the sender's: only the quotes need keeping.
/// The depth lets a reader check that the two splits agree.
/// </summary>
sealed record StoredQuoteBlock(int Depth, Person? Author, string? Source, string? Problem)
{
    public static List<StoredQuoteBlock> From(IEnumerable<AttributedBlock> blocks) =>
        [.. blocks.Where(b => b.Block.Depth > 0).Select(b => new StoredQuoteBlock(b.Block.Depth, b.Author, b.SourceMessageId, ReviewQueries.ProblemName(b.Problem)))];
}

/// <summary>The stored review documents' JSON: web names, written and read without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SeriesReview))]
[JsonSerializable(typeof(List<DecisionRecord>))]
[JsonSerializable(typeof(List<CommentRecord>))]
[JsonSerializable(typeof(List<StoredQuoteBlock>))]
sealed partial class ReviewJson : JsonSerializerContext;
