using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using PatchReview.Core.Mail;
using PatchReview.Core.Series;
using PatchReview.Data.Entities;

namespace PatchReview.Data.Import;

/// <summary>
/// The only writer. Reads envelopes, skips what is stored already, parses the rest on every core, and saves
/// them in batches, one transaction each, threading them as it goes, then derives the series and reviews of what
/// it stored. Idempotent on Message-ID and content: importing an archive twice stores nothing the second time. It
/// speaks plain SQL on two connections (up to four on PostgreSQL, see <see cref="ImportStore"/>) and never builds
/// the EF model, so a command-line import starts at once and pays no query compilation.
/// </summary>
public sealed class MailboxImporter(DatabaseSettings settings, TimeProvider clock, IDbContextFactory<PatchReviewDb> dbFactory,
    DatabaseMigrator migrator)
{
    /// <summary>Messages per transaction; large enough to amortise a round trip, small enough to keep memory flat.</summary>
    public int BatchSize { get; init; } = 1000;

    const int FirstBatchSize = 200;

    /// <summary>Raw bytes per batch, so that a run of big attachments does not grow memory.</summary>
    public long BatchBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Imports the envelopes of one source.</summary>
    /// <remarks>
    /// Each envelope is released (<see cref="MailEnvelope.Release"/>) once its batch commits, so that its reader can
    /// reuse the bytes: a caller must not read an envelope's bytes after giving it here.
    /// </remarks>
    public async Task<ImportSummary> ImportAsync(string source, IAsyncEnumerable<MailEnvelope> envelopes,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var counts = new ImportCounts();
        // One batch read ahead of the parser is enough to keep it busy; each more is mail held in memory while a series
        // update runs, and adds to the import's peak.
        var read = Channel.CreateBounded<List<PendingMessage>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var classified = Channel.CreateBounded<List<PendingMessage>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var position = new ReadPosition(source);
        // The archive is read and its first batch parsed while the database is checked and opened, which on a
        // command's first connection (TLS, the driver's start-up) took 0.16 s of a 2 s import.
        var opening = BeginAsync(source, stop.Token);
        var reader = Task.Run(() => ReadBatchesAsync(envelopes, read.Writer, position, stop.Token), stop.Token);
        var classifier = Task.Run(() => ClassifyAsync(opening, read.Reader, classified.Writer, stop.Token), stop.Token);
        ImportStore store;
        long importId;
        try
        {
            (store, importId) = await opening;
        }
        catch
        {
            // No import began: nothing to record, and the reader's and classifier's errors are this one's echo.
            await StopAsync(stop, reader, classifier);
            throw;
        }
        await using var storeScope = store;
        var review = new ReviewBacklog();
        var midway = Task.CompletedTask;
        // Whether a failure is the series and reviews' rather than a batch's, for the message that reports it.
        var deriving = false;
        Action Announce(ImportStage stage) => () => progress?.Report(counts.ToProgress(stage));
        try
        {
            var storedSinceSeries = 0;
            await foreach (var batch in classified.Reader.ReadAllAsync(stop.Token))
            {
                // A failed update stops the import now, not after the last batch.
                if (midway.IsFaulted)
                {
                    deriving = true;
                    await midway;
                }
                position.Saving = batch[0].Envelope;
                var storedBefore = counts.Stored;
                await store.SaveBatchAsync(importId, batch, counts, stop.Token);
                // Committed, the batch's bytes are in the database: the reader and the classifier may fill their slabs
                // again. Nothing reads a failed batch again; its slabs are left to the collector.
                foreach (var saved in batch)
                {
                    saved.Release();
                }
                storedSinceSeries += counts.Stored - storedBefore;
                progress?.Report(counts.ToProgress());
                // Series of a long import appear as it goes, and the set of touched threads stays small.
                if (storedSinceSeries >= SeriesInterval)
                {
                    deriving = true;
                    await midway;
                    midway = await StartMidwayUpdateAsync(store, review, Announce(ImportStage.DerivingSeries), stop.Token);
                    deriving = false;
                    storedSinceSeries = 0;
                }
            }
            await Task.WhenAll(reader, classifier);
            deriving = true;
            await midway;
            await UpdateSeriesAsync(store, review, stop.Token, Announce(ImportStage.DerivingSeries));
            await ReviewAsync(store.WriterSession(), review, stop.Token, Announce(ImportStage.DerivingReviews));
        }
        catch (Exception ex)
        {
            // Whatever stopped the import, stop the reader and classifier too and record why on the import row;
            // their own errors are this one or its echo.
            await StopAsync(stop, reader, classifier);
            await midway.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var message = ex switch
            {
                MailReadException failure => $"Import of {source} stopped: {failure.Message}",
                OperationCanceledException => $"Import of {source} was cancelled after {counts.Read} messages.",
                _ when deriving => $"Import of {source} stopped while deriving series and reviews after {counts.Read} messages: {ex.Message}",
                _ => $"Import of {source} stopped while saving the batch that starts at {position.Describe()}: {ex.Message}",
            };
            try
            {
                await store.FinishImportAsync(importId, counts, message, clock.GetUtcNow(), CancellationToken.None);
            }
            catch (Exception recording) when (recording is DbException or InvalidOperationException)
            {
                // The database itself failed, or a cancelled command broke the connection (Npgsql then closes it):
                // the import row keeps the counts of the last saved batch, and the error that stopped the import is
                // the one to report.
            }
            if (ex is MailReadException or DbException)
            {
                throw new ImportFailedException(source, message, ex);
            }
            throw;
        }

        await store.FinishImportAsync(importId, counts, null, clock.GetUtcNow(), ct);
        return new ImportSummary(importId, source, counts.Read, counts.Stored, counts.Duplicates, counts.Variants, counts.Rejected,
            clock.GetElapsedTime(started));
    }

    /// <summary>
    /// Derives patches, trailers and series again from every stored message: after an upgrade that added to the
    /// analysis (a database imported before series existed has none), or changed how it is derived. Returns how many
    /// messages were analysed; progress reports that count as it goes.
    /// </summary>
    public async Task<int> ReanalyzeAsync(IProgress<int>? progress, CancellationToken ct)
    {
        await using var store = await ImportStore.OpenAsync(settings, ct);
        var done = 0;
        var sinceSeries = 0;
        var review = new ReviewBacklog();
        long after = 0;
        while (await store.ReanalyzeBatchAsync(after, BatchSize, ct) is var (last, count))
        {
            after = last;
            done += count;
            sinceSeries += count;
            progress?.Report(done);
            if (sinceSeries >= SeriesInterval)
            {
                await UpdateSeriesAsync(store, review, ct);
                ReleaseUpdateMemory();
                sinceSeries = 0;
            }
        }
        await UpdateSeriesAsync(store, review, ct);
        await ReviewAsync(store.WriterSession(), review, ct);
        return done;
    }

    /// <summary>
    /// A maintainer's word on two versions: <paramref name="linked"/> makes <paramref name="earlierMessageId"/> the
    /// previous version of <paramref name="laterMessageId"/> whatever the mail says; false keeps them apart. Both are
    /// the head Message-IDs of posted versions (the cover letter, else the first patch). The decision is kept by
    /// Message-ID, so it outlives re-imports and re-analysis, and the series of both are derived again at once.
    /// Returns the id of the series the later version is in afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">A Message-ID is not the head of a posted version, or both are the same.</exception>
    public async Task<long> SetVersionLinkAsync(string earlierMessageId, string laterMessageId, bool linked, CancellationToken ct)
    {
        if (earlierMessageId == laterMessageId)
        {
            throw new ArgumentException("A version cannot be its own previous version.", nameof(laterMessageId));
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // served by ix_messages_message_id and the series_versions primary key
        var heads = await (from m in db.Messages
                           where m.MessageId == earlierMessageId || m.MessageId == laterMessageId
                           join v in db.SeriesVersions on m.Id equals v.Id
                           select new { m.MessageId, m.ThreadId }).ToListAsync(ct);
        foreach (var id in new[] { earlierMessageId, laterMessageId })
        {
            if (!heads.Any(h => h.MessageId == id))
            {
                throw new ArgumentException($"{id} is not the head of a posted version (its cover letter, else its first patch).");
            }
        }
        var existing = await db.VersionLinkOverrides
            .SingleOrDefaultAsync(o => o.EarlierMessageId == earlierMessageId && o.LaterMessageId == laterMessageId, ct);
        if (existing is null)
        {
            db.VersionLinkOverrides.Add(new VersionLinkOverride
            {
                EarlierMessageId = earlierMessageId, LaterMessageId = laterMessageId, Linked = linked, CreatedAt = clock.GetUtcNow(),
            });
        }
        else
        {
            existing.Linked = linked;
            existing.CreatedAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        var review = new ReviewBacklog();
        await using (var store = await ImportStore.OpenAsync(settings, ct))
        {
            var session = store.WriterSession();
            await UpdateSeriesAsync(session, [.. heads.Select(h => h.ThreadId).Distinct()], review, ct);
            await ReviewAsync(session, review, ct);
        }
        return await (from m in db.Messages where m.MessageId == laterMessageId join v in db.SeriesVersions on m.Id equals v.Id select v.SeriesId)
            .SingleAsync(ct);
    }

    /// <summary>Stored messages between two series updates of one import.</summary>
    public int SeriesInterval { get; init; } = 20_000;

    /// <summary>
    /// A series update midway through a long import lets go of the mail it read and the rows it derived, a hundred
    /// megabytes and more, all at once. Collected and compacted as the update ends, that memory goes back to the
    /// system instead of being carried on to the next update. (The collection pauses the batches too.)
    /// </summary>
    static void ReleaseUpdateMemory() => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>
    /// Starts a series update midway through an import, and returns it if it is still running. Where the database
    /// lets it (<see cref="ImportStore.DerivationSessionAsync"/>), it runs on a connection of its own while the
    /// batches go on, from one snapshot; threads the batches touch meanwhile are the next update's. Importing the
    /// 52,845 messages of the benchmark archive, the two midway updates stopped the batches for 3.7 to 5 s, with
    /// only 1.2 to 1.4 cores busy; beside the batches, the steady state rose from a median of 2,665 to 2,808 msgs/s
    /// over six interleaved pairs, and peak RSS from 255-265 to 274-290 MB, the update's memory now adding to that of
    /// the batches in flight. Else it runs now, between batches.
    /// </summary>
    static async Task<Task> StartMidwayUpdateAsync(ImportStore store, ReviewBacklog review, Action starting, CancellationToken ct)
    {
        var threads = store.TakeTouchedThreads();
        if (threads.Count == 0)
        {
            return Task.CompletedTask;
        }
        starting();
        if (await store.DerivationSessionAsync(ct) is { } beside)
        {
            return Task.Run(async () =>
            {
                await UpdateSeriesAsync(beside, threads, review, ct);
                ReleaseUpdateMemory();
            }, ct);
        }
        await UpdateSeriesAsync(store.WriterSession(), threads, review, ct);
        ReleaseUpdateMemory();
        return Task.CompletedTask;
    }

    static Task UpdateSeriesAsync(ImportStore store, ReviewBacklog review, CancellationToken ct, Action? starting = null) =>
        UpdateSeriesAsync(store.WriterSession(), store.TakeTouchedThreads(), review, ct, starting);

    /// <param name="starting">Called once it is known there is work to do: an import's progress says so.</param>
    static async Task UpdateSeriesAsync(SqlSession session, IReadOnlyCollection<long> threads, ReviewBacklog review, CancellationToken ct,
        Action? starting = null)
    {
        if (threads.Count == 0)
        {
            return;
        }
        starting?.Invoke();
        review.Series.UnionWith(await new SeriesUpdater(session).UpdateAsync(threads, ct));
        review.Threads.UnionWith(threads);
    }

    /// <summary>
    /// The review of what the series updates touched, once, after the last of them: a series that grows in every
    /// part of a long import is analysed at its end rather than at each part.
    /// </summary>
    static async Task ReviewAsync(SqlSession session, ReviewBacklog review, CancellationToken ct, Action? starting = null)
    {
        if (review.Threads.Count == 0)
        {
            return;
        }
        starting?.Invoke();
        await new ReviewUpdater(session).UpdateAsync(review.Series, review.Threads, ct);
    }

    /// <summary>The series written and the threads touched since an import began, waiting for their review.</summary>
    sealed class ReviewBacklog
    {
        public HashSet<long> Series { get; } = [];
        public HashSet<long> Threads { get; } = [];
    }

    async Task ReadBatchesAsync(IAsyncEnumerable<MailEnvelope> envelopes, ChannelWriter<List<PendingMessage>> output,
        ReadPosition position, CancellationToken ct)
    {
        try
        {
            // The first batch is small so that the writer starts while the next one is parsed.
            var limit = Math.Min(BatchSize, FirstBatchSize);
            var batch = new List<PendingMessage>(limit);
            long bytes = 0;
            await foreach (var envelope in envelopes.WithCancellation(ct))
            {
                position.Read = envelope;
                batch.Add(new PendingMessage(envelope, MessageFingerprint.Compute(envelope.Raw.Span)));
                bytes += envelope.Raw.Length;
                if (batch.Count >= limit || bytes >= BatchBytes)
                {
                    await output.WriteAsync(batch, ct);
                    limit = BatchSize;
                    batch = new List<PendingMessage>(limit);
                    bytes = 0;
                }
            }
            if (batch.Count > 0)
            {
                await output.WriteAsync(batch, ct);
            }
            output.TryComplete();
        }
        catch (Exception ex)
        {
            output.TryComplete(ex);
            throw;
        }
    }

    /// <summary>
    /// Stops a failed import's reader and classifier. The classifier ends at once; the reader may be blocked on
    /// standard input, from a terminal or an idle pipe, which cancelling cannot interrupt, and is left to end on its
    /// own when input comes or closes, so that the error is reported now and not then.
    /// </summary>
    static async Task StopAsync(CancellationTokenSource stop, Task reader, Task classifier)
    {
        await stop.CancelAsync();
        await classifier.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _ = reader.ContinueWith(static done => done.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Checks the schema, opens the store and records the import's start; the store is the caller's once returned.</summary>
    async Task<(ImportStore Store, long ImportId)> BeginAsync(string source, CancellationToken ct)
    {
        await migrator.EnsureReadyAsync(ct);
        var store = await ImportStore.OpenAsync(settings, ct);
        try
        {
            return (store, await store.StartImportAsync(source, clock.GetUtcNow(), ct));
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    static async Task ClassifyAsync(Task<(ImportStore Store, long ImportId)> opening, ChannelReader<List<PendingMessage>> input,
        ChannelWriter<List<PendingMessage>> output, CancellationToken ct)
    {
        // MimeKit parsing is the costly step; only mail not stored yet pays it. One core is left to the writer: on two
        // cores, parsing on both starved the writer's continuations and idled the database.
        var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount - 1) };
        var bodies = new RawBuffers();
        var first = true;
        try
        {
            await foreach (var batch in input.ReadAllAsync(ct))
            {
                if (first)
                {
                    // The first batch comes while the store opens and nothing says yet what is stored: it is parsed
                    // whole meanwhile, and only the parses of its new mail are kept, so the outcome is the same as
                    // parsing those alone. A re-import pays for parsing one small batch.
                    first = false;
                    var results = new (MessageParseResult Result, MailFacts? Facts)[batch.Count];
                    // The writer has nothing to do until this batch is parsed, so it is parsed on every core.
                    var everyCore = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
                    await OffThePoolAsync(() => Parallel.For(0, batch.Count, everyCore, i => results[i] = Parse(batch[i])), ct);
                    var (store, importId) = await opening;
                    await store.MarkStoredAsync(batch, ct);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        if (batch[i].Kind == PendingKind.New)
                        {
                            Keep(batch[i], results[i], importId, bodies);
                        }
                    }
                }
                else
                {
                    // Parsed mail waiting for the writer is what survives collections now that raw bytes live in
                    // reused buffers. Parsing a batch only once the writer has taken the one before keeps two parsed
                    // batches alive instead of three; the writer, the bottleneck, still finds the next one ready.
                    await output.WaitToWriteAsync(ct);
                    var (store, importId) = await opening;
                    await store.MarkStoredAsync(batch, ct);
                    await OffThePoolAsync(() => Parallel.ForEach(batch.Where(p => p.Kind == PendingKind.New), parallel,
                        pending => Keep(pending, Parse(pending), importId, bodies)), ct);
                }
                await output.WriteAsync(batch, ct);
            }
            output.TryComplete();
        }
        catch (Exception ex)
        {
            output.TryComplete(ex);
            throw;
        }
    }

    /// <summary>
    /// Runs a batch's parsing on a thread of its own. It keeps a core busy for about a tenth of a second, and on one of
    /// the pool's threads (two, on two cores, shared with the reader) it held up the writer's continuations: the
    /// writer's first statement after taking a batch, which is when parsing of the next one starts, took 4–6 ms on the
    /// 52,845-message benchmark import, against 1.5 ms with the parse on its own thread. With more cores, the parse's
    /// other workers still come from the pool.
    /// </summary>
    static Task OffThePoolAsync(Action parse, CancellationToken ct) =>
        Task.Factory.StartNew(parse, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    static (MessageParseResult Result, MailFacts? Facts) Parse(PendingMessage pending)
    {
        var result = MessageParser.Parse(pending.Envelope, pending.Fingerprint);
        return (result, result.Message is { } message ? MailFacts.Of(message) : null);
    }

    /// <summary>
    /// Keeps of a parsed message what the writer stores. A parsed message is twice the size of its raw bytes, mostly
    /// its body as UTF-16; waiting for the writer, it outlived two collections and died in generation 2. Its body goes
    /// into reused slabs as the UTF-8 the database stores (<paramref name="bodies"/>, shared by the parse's workers),
    /// so only the small row waits. On the 52,845-message benchmark the collector's pauses fell from 4.9-5.6 s to
    /// 3.8-4.6 s and the steady state rose from a median of 3,231 to 3,585 msgs/s into PostgreSQL (four interleaved
    /// pairs); into SQLite, from 3,064-3,151 to 3,524-3,557 msgs/s (two pairs).
    /// </summary>
    static void Keep(PendingMessage pending, (MessageParseResult Result, MailFacts? Facts) parse, long importId, RawBuffers bodies)
    {
        if (parse.Result.Message is { } message)
        {
            PackedBytes body;
            lock (bodies)
            {
                body = bodies.PackUtf8(message.BodyText);
            }
            pending.Body = body;
            pending.Row = MessageRow.Received(importId, pending.Envelope, message, body.Bytes);
            pending.InReplyTo = message.InReplyTo;
            pending.References = message.References;
            pending.Facts = parse.Facts;
        }
        else
        {
            pending.Kind = PendingKind.Rejected;
            pending.RejectReason = parse.Result.RejectReason;
        }
    }

    /// <summary>Where reading and saving are, so that a failure can say where it happened.</summary>
    sealed class ReadPosition(string source)
    {
        public volatile MailEnvelope? Read;
        public volatile MailEnvelope? Saving;

        public string Describe() => (Saving ?? Read)?.Location ?? $"{source} at byte 0";
    }
}

/// <summary>Counters of one import; only the writer changes them, once a batch is committed.</summary>
sealed class ImportCounts
{
    public int Read;
    public int Stored;
    public int Duplicates;
    public int Variants;
    public int Rejected;

    public ImportProgress ToProgress(ImportStage stage = ImportStage.Saving) => new(Read, Stored, Duplicates, Variants, Rejected, stage);

    public ImportCounts Copy() => (ImportCounts)MemberwiseClone();

    public void Set(ImportCounts other) => (Read, Stored, Duplicates, Variants, Rejected) =
        (other.Read, other.Stored, other.Duplicates, other.Variants, other.Rejected);
}
