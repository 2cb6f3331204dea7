using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
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
sealed class ReviewUpdater(SqlSession sql)
{
    /// <summary>Threads read at once: a thousand or two messages on a kernel list, a few megabytes of text.</summary>
    const int ThreadsPerBatch = 100;

    /// <summary>Batches analysed at once, one a core: two to four, since each holds its batch's mail in memory.</summary>
    static readonly int ParallelBatches = Math.Clamp(Environment.ProcessorCount, 2, 4);

    readonly SeriesRowWriter _writer = new(sql);
    readonly HashSet<long> _quoted = [];

    /// <param name="seriesIds">The series just written: each is analysed whole, with every thread of every version.</param>
    /// <param name="touchedThreads">Threads that gained or lost mail: who said what changes only in those.</param>
    public async Task UpdateAsync(IReadOnlyCollection<long> seriesIds, IReadOnlyCollection<long> touchedThreads, CancellationToken ct)
    {
        await using var transaction = await sql.BeginDerivationAsync(ct);
        var ids = seriesIds.ToList();
        var touched = touchedThreads.ToHashSet();
        static (long SeriesId, long ThreadId) ReadPair(DbDataReader r) => (r.GetInt64(0), r.GetInt64(1));
        var patchThreads = await sql.ListAsync(c => "SELECT DISTINCT p.series_id, m.thread_id FROM version_patches p JOIN messages m ON m.id = p.message_id "
            + $"WHERE {sql.In(c, "p.series_id", ids)}", ReadPair, ct);
        var coverThreads = await sql.ListAsync(c => "SELECT DISTINCT v.series_id, m.thread_id FROM series_versions v JOIN messages m ON m.id = v.cover_id "
            + $"WHERE {sql.In(c, "v.series_id", ids)}", ReadPair, ct);
        var threadsOf = patchThreads.Concat(coverThreads).ToLookup(t => t.SeriesId, t => t.ThreadId);

        // Batches are read and written in turn on the one connection; their analysis, pure and the bulk of the
        // work, runs on the thread pool meanwhile, a batch a core, while the database waits. Batches hold disjoint
        // series and threads, so each is written as soon as its analysis ends: taken in order, the next batch waited
        // for the one holding a long series (in linux-s390 2022q2, 0.35 s of a 0.53 s review) while the
        // other core stood idle.
        var analysing = new List<Task<BatchRows>>();
        async Task WriteFirstDoneAsync()
        {
            var done = await Task.WhenAny(analysing);
            analysing.Remove(done);
            await WriteAsync(await done, ct);
        }
        async Task AnalyseAsync(List<long> series, List<long> threads)
        {
            var batch = await LoadAsync(series, threads, threadsOf, touched, ct);
            analysing.Add(Task.Run(() => Analyse(batch), ct));
            if (analysing.Count >= ParallelBatches)
            {
                await WriteFirstDoneAsync();
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
        while (analysing.Count > 0)
        {
            await WriteFirstDoneAsync();
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
        var dialect = sql.Dialect;
        // served by ix_messages_thread_id_date
        var mails = await sql.ListAsync(c => "SELECT m.id, m.message_id, m.parent_id, p.message_id, m.thread_id, m.from_name, m.from_email, m.date, "
                + "m.body_text, m.is_flowed, m.del_sp FROM messages m LEFT JOIN messages p ON p.id = m.parent_id "
                + $"WHERE {sql.In(c, "m.thread_id", threads)} AND NOT m.is_ghost",
            r => new ReviewQueries.MailRow
            {
                Id = r.GetInt64(0), MessageId = r.GetString(1), ParentId = r.IsDBNull(2) ? null : r.GetInt64(2),
                ParentMessageId = r.IsDBNull(3) ? null : r.GetString(3), ThreadId = r.GetInt64(4), FromName = r.GetString(5),
                FromEmail = r.GetString(6), Date = dialect.ReadDate(r, 7), BodyText = r.GetString(8), IsFlowed = r.GetBoolean(9), DelSp = r.GetBoolean(10),
            }, ct);
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
        // One round trip for the three: each took one, on a server busy with the other batches' loads.
        await sql.ExecuteAsync(c => $"DELETE FROM message_quotes WHERE {sql.In(c, "message_id", rows.QuotedMessages)}; "
            + $"DELETE FROM patch_comments WHERE {sql.In(c, "message_id", rows.AnalysedPatches)}; "
            + $"DELETE FROM series_reviews WHERE {sql.In(c, "series_id", rows.SeriesIds)}", ct);
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
        var dialect = sql.Dialect;
        var submitters = (await sql.ListAsync(c => $"SELECT id, submitter_name, submitter_email FROM series WHERE {sql.In(c, "id", seriesIds)}",
            r => (Id: r.GetInt64(0), Submitter: new Person(r.GetString(1), r.GetString(2))), ct)).ToDictionary(s => s.Id, s => s.Submitter);
        var versions = await sql.ListAsync(c => $"SELECT id, series_id, version, cover_id FROM series_versions WHERE {sql.In(c, "series_id", seriesIds)} "
                + "ORDER BY version, date",
            r => new ReviewVersion(r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetInt64(3)), ct);
        // Bodies come from the mail already read: every patch's thread is in the batch.
        var bodies = mails.ToDictionary(m => m.Id, m => m.BodyText);
        var patches = await sql.ListAsync(c => "SELECT p.message_id, p.series_id, p.version_id, p.\"index\", p.previous_id, m.message_id, a.patch_id "
                + "FROM version_patches p JOIN messages m ON m.id = p.message_id JOIN mail_analysis a ON a.message_id = m.id "
                + $"WHERE {sql.In(c, "p.series_id", seriesIds)}",
            r => new ReviewPatch(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetInt64(4), r.GetString(5),
                bodies.GetValueOrDefault(r.GetInt64(0), ""), r.IsDBNull(6) ? null : r.GetString(6)), ct);
        var coverIds = versions.Where(v => v.CoverId is not null).Select(v => v.CoverId!.Value).ToHashSet();
        var covers = mails.Where(m => coverIds.Contains(m.Id)).ToDictionary(m => m.Id, m => new ReviewCover(m.Id, m.MessageId));
        var versionIds = versions.Select(v => v.Id).ToList();
        var changelog = await sql.ListAsync(c => "SELECT c.version_id, c.text, c.credited_names, c.credited_emails, m.message_id "
                + $"FROM changelog_entries c JOIN messages m ON m.id = c.source_id WHERE {sql.In(c, "c.version_id", versionIds)} ORDER BY c.n",
            r => new ReviewChangelogItem(r.GetInt64(0), r.GetString(1), [.. dialect.ReadTexts(r, 2)], [.. dialect.ReadTexts(r, 3)], r.GetString(4)), ct);
        // A batch holds a hundred series or so: each takes its own rows by lookup, not by a scan of the batch's.
        var seriesOfVersion = versions.ToDictionary(v => v.Id, v => v.SeriesId);
        var versionsOf = versions.ToLookup(v => v.SeriesId);
        var patchesOf = patches.ToLookup(p => p.SeriesId);
        var changelogOf = changelog.ToLookup(c => seriesOfVersion[c.VersionId]);
        return [.. seriesIds.Where(submitters.ContainsKey).Select(id => new SeriesReviewInput(
            id,
            submitters[id],
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
