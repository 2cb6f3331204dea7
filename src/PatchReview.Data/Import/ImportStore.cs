using System.Data.Common;
using System.Security.Cryptography;
using PatchReview.Core.Mail;
using PatchReview.Core.Series;
using PatchReview.Core.Threading;

namespace PatchReview.Data.Import;

/// <summary>
/// The importer's bulk SQL. The shared steps (classify, thread, summarise) live here, written once for both
/// providers through their <see cref="SqlDialect"/>; each provider supplies its fastest way to write rows (PostgreSQL
/// binary COPY, SQLite prepared statements). Two connections: one for the classifier's read-ahead lookups, one for
/// the writer's transactions; PostgreSQL saves raw bytes on a third (<see cref="BeginRawAsync"/>), and updates series
/// midway through an import on a fourth (<see cref="DerivationSessionAsync"/>).
/// </summary>
abstract class ImportStore : IAsyncDisposable
{
    protected DbConnection Lookup { get; }
    protected DbConnection Writer { get; }
    protected SqlDialect Dialect { get; }
    protected DbTransaction? Transaction { get; private set; }

    HashSet<long> _touched = [];
    Task _raw = Task.CompletedTask;
    readonly HashSet<long> _batchTouched = [];

    /// <summary>
    /// The writer connection, for the passes that derive series and reviews from what was stored: between batches,
    /// since those passes run in transactions of their own.
    /// </summary>
    public SqlSession WriterSession() => new(Writer, Dialect);

    /// <summary>
    /// A connection of its own for series updates midway through an import, which then run while the batches go on;
    /// null where they would only wait for each other (see <see cref="SqlDialect.BeginDerivationAsync"/>), and the
    /// updates run between batches on the <see cref="WriterSession"/>.
    /// </summary>
    public virtual Task<SqlSession?> DerivationSessionAsync(CancellationToken ct) => Task.FromResult<SqlSession?>(null);

    /// <summary>The threads stored batches have changed since the last call: where series analysis has work.</summary>
    public IReadOnlyCollection<long> TakeTouchedThreads()
    {
        var touched = _touched;
        _touched = [];
        return touched;
    }

    protected ImportStore(DbConnection lookup, DbConnection writer, SqlDialect dialect)
    {
        Lookup = lookup;
        Writer = writer;
        Dialect = dialect;
    }

    public static async Task<ImportStore> OpenAsync(DatabaseSettings settings, CancellationToken ct)
    {
        ImportStore store = settings.Provider == DatabaseProvider.Postgres
            ? new PostgresImportStore(settings.ConnectionString)
            : new SqliteImportStore(settings.ConnectionString);
        try
        {
            await store.OpenConnectionsAsync(ct);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Lookup.DisposeAsync();
        await Writer.DisposeAsync();
    }

    protected virtual async Task OpenConnectionsAsync(CancellationToken ct)
    {
        await Lookup.OpenAsync(ct);
        await Writer.OpenAsync(ct);
    }

    /// <summary>
    /// Read-ahead: marks the mail of a fresh batch that is stored already (same Message-ID, same content), so that
    /// only the rest pays for parsing. What each message finally is gets settled under the writer's lock.
    /// </summary>
    public async Task MarkStoredAsync(List<PendingMessage> batch, CancellationToken ct)
    {
        var ids = batch.Select(p => p.Fingerprint.MessageId).Distinct(StringComparer.Ordinal).ToList();
        var stored = await FindStoredAsync(Lookup, null, ids, ct);
        // Earlier messages of the same batch count as stored: an archive may hold one mail twice.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pending in batch)
        {
            var fingerprint = pending.Fingerprint;
            var key = VariantKey(fingerprint.MessageId, fingerprint.ContentHash);
            var isStored = stored.Messages.TryGetValue(fingerprint.MessageId, out var identity) && !identity.IsGhost
                && (SameContent(identity.ContentHash, fingerprint.ContentHash) || stored.VariantHashes.Contains(key));
            pending.Kind = isStored || !seen.Add(key) ? PendingKind.Duplicate : PendingKind.New;
        }
    }

    static bool SameContent(byte[]? a, byte[] b) => a is not null && a.AsSpan().SequenceEqual(b);

    static string VariantKey(string messageId, byte[] hash) => messageId + "\n" + Convert.ToHexString(hash);

    /// <summary>
    /// Saves one classified and parsed batch in one transaction, and threads it. The counts move on only once the
    /// batch is committed, so a failed batch is not counted.
    /// </summary>
    public async Task SaveBatchAsync(long importId, List<PendingMessage> batch, ImportCounts counts, CancellationToken ct)
    {
        var next = counts.Copy();
        _batchTouched.Clear();
        // A batch that fails stops saving its raw bytes too, rather than wait for them to be saved in vain.
        using var rawStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            Transaction = await BeginExclusiveAsync(ct);
            await SaveAsync(importId, batch, next, rawStop.Token, ct);
            await Transaction.CommitAsync(ct);
            counts.Set(next);
            _touched.UnionWith(_batchTouched);
        }
        catch when (Transaction is not null)
        {
            // Raw bytes it saved already are left to the next import (see ReclaimAbandonedRawAsync): cleaning up here
            // would wait for the writers' lock, or for a database that is failing.
            await rawStop.CancelAsync();
            await _raw.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await Transaction.RollbackAsync(CancellationToken.None);

            throw;
        }
        finally
        {
            if (Transaction is not null)
            {
                await Transaction.DisposeAsync();
                Transaction = null;
            }
        }
    }

    /// <summary>
    /// Settles what each message of the batch is, under the writer's lock and in archive order. The read-ahead
    /// classification ran before the previous batch committed (and before any concurrent importer's), so a
    /// Message-ID it took for new may be stored by now, and the first copy of a Message-ID in this batch may have
    /// been rejected by the parser, leaving its later copy as the one to store.
    /// </summary>
    void Settle(List<PendingMessage> batch, StoredMail stored)
    {
        var inBatch = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        foreach (var pending in batch.Where(p => p.Kind != PendingKind.Rejected))
        {
            var fingerprint = pending.Fingerprint;
            pending.CanonicalId = 0;
            pending.CanonicalLists = [];
            if (stored.Messages.TryGetValue(fingerprint.MessageId, out var identity) && !identity.IsGhost)
            {
                pending.CanonicalId = identity.Id;
                pending.CanonicalLists = identity.Lists;
                pending.Kind = SameContent(identity.ContentHash, fingerprint.ContentHash)
                    || stored.VariantHashes.Contains(VariantKey(fingerprint.MessageId, fingerprint.ContentHash))
                    ? PendingKind.Duplicate
                    : PendingKind.Variant;
            }
            else if (inBatch.TryGetValue(fingerprint.MessageId, out var hashes))
            {
                pending.Kind = hashes.Any(h => SameContent(h, fingerprint.ContentHash)) ? PendingKind.Duplicate : PendingKind.Variant;
                hashes.Add(fingerprint.ContentHash);
            }
            else if (pending.Row is not null)
            {
                pending.Kind = PendingKind.New;
                inBatch[fingerprint.MessageId] = [fingerprint.ContentHash];
            }
            else
            {
                // An unparsed copy whose first copy was rejected: the same content, so nothing to store.
                pending.Kind = PendingKind.Duplicate;
            }
        }
    }

    async Task SaveAsync(long importId, List<PendingMessage> batch, ImportCounts counts, CancellationToken rawCt, CancellationToken ct)
    {
        var batchIds = batch.Where(p => p.Kind != PendingKind.Rejected).Select(p => p.Fingerprint.MessageId).Distinct(StringComparer.Ordinal).ToList();
        var stored = await FindStoredAsync(Writer, Transaction, batchIds, ct);
        Settle(batch, stored);

        var fresh = batch.Where(p => p.Kind == PendingKind.New).ToList();
        var ghostFills = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pending in fresh)
        {
            if (stored.Messages.TryGetValue(pending.Fingerprint.MessageId, out var ghost) && ghost.IsGhost)
            {
                ghostFills[pending.Fingerprint.MessageId] = ghost.Id;
            }
        }
        var ids = await AllocateIdsAsync(fresh.Count - ghostFills.Count, ct);
        var rows = new List<MessageRow>(fresh.Count);
        var nextId = 0;
        foreach (var pending in fresh)
        {
            var id = ghostFills.TryGetValue(pending.Fingerprint.MessageId, out var ghostId) ? ghostId : ids[nextId++];
            pending.Row!.Place(id);
            rows.Add(pending.Row);
        }
        _raw = fresh.Count == 0 ? Task.CompletedTask : await BeginRawAsync(importId, [.. fresh.Select((p, i) => (rows[i].Id, p.Envelope.Raw))], rawCt);

        var batchRows = rows.ToDictionary(r => r.MessageId, StringComparer.Ordinal);
        var storedLists = RecordListsOfDuplicates(batch, batchRows);

        if (fresh.Count > 0)
        {
            var threading = await ThreadAsync(fresh, rows, ct);
            var inserted = rows.Where(r => !ghostFills.ContainsKey(r.MessageId)).Concat(threading.NewGhosts).ToList();
            await InsertMessagesAsync(inserted, ct);
            foreach (var row in rows.Where(r => ghostFills.ContainsKey(r.MessageId)))
            {
                await FillGhostAsync(row, ct);
            }
            await InsertReferencesAsync(fresh, ct);
            await InsertFactsAsync([.. fresh.Select((p, i) => (rows[i].Id, Facts: p.Facts!)).Where(f => !f.Facts.IsEmpty)], ct);
            // Saved, the facts are let go of: a patch's sketches alone are 4 KB, and held to the end of the batch they
            // outlived its collections and were copied into generation 2 to die there.
            foreach (var pending in fresh)
            {
                pending.Facts = null;
            }
            await UpdateLinksAsync(threading.Updates, ct);
            await DeleteGhostsAsync(threading.ObsoleteGhosts, ct);
            await ReplaceThreadsAsync(threading.ObsoleteThreads, threading.Threads, ct);
            _batchTouched.UnionWith(threading.Threads.Select(t => t.Id));
        }

        var variants = batch.Where(p => p.Kind == PendingKind.Variant).ToList();
        // A variant of a message first seen in this same batch points at the row just inserted.
        foreach (var variant in variants.Where(v => v.CanonicalId == 0))
        {
            variant.CanonicalId = batchRows[variant.Fingerprint.MessageId].Id;
        }
        await AddListsAsync(storedLists, ct);
        await InsertVariantsAsync(importId, variants, ct);
        var rejected = batch.Where(p => p.Kind == PendingKind.Rejected).ToList();
        await InsertRejectedAsync(importId, rejected.Select(p => (p, SHA256.HashData(p.Envelope.Raw.Span))), ct);

        // Saved beside the batch, the raw bytes must be committed before it: a message row never stands without them.
        await _raw;
        counts.Read += batch.Count;
        counts.Stored += fresh.Count;
        counts.Duplicates += batch.Count(p => p.Kind == PendingKind.Duplicate);
        counts.Variants += variants.Count;
        counts.Rejected += rejected.Count;
        await UpdateImportAsync(importId, counts, ct);
    }

    /// <summary>What series analysis reads of saved mail: the analysis row of each message with a role, and its trailers.</summary>
    async Task InsertFactsAsync(List<(long Id, MailFacts Facts)> facts, CancellationToken ct)
    {
        await InsertAnalysisAsync(facts.Where(f => f.Facts.Role is not null).Select(f => AnalysisRow.From(f.Id, f.Facts)).ToList(), ct);
        await InsertTrailersAsync([.. facts.SelectMany(f => f.Facts.Trailers.Select((t, i) => (f.Id, i, t)))], ct);
    }

    /// <summary>
    /// A copy of a message that came through another list adds that list to the message: cross-posted patches are
    /// then found under every list. Rows of this batch get it before they are written; stored rows are returned.
    /// </summary>
    static Dictionary<long, string[]> RecordListsOfDuplicates(List<PendingMessage> batch, Dictionary<string, MessageRow> batchRows)
    {
        var stored = new Dictionary<long, string[]>();
        foreach (var duplicate in batch.Where(p => p.Kind == PendingKind.Duplicate && p.Fingerprint.ListId is not null))
        {
            var list = duplicate.Fingerprint.ListId!;
            if (duplicate.CanonicalId == 0 && batchRows.TryGetValue(duplicate.Fingerprint.MessageId, out var row))
            {
                if (!row.Lists.Contains(list))
                {
                    row.Lists = [.. row.Lists, list];
                }
            }
            else if (duplicate.CanonicalId != 0)
            {
                var lists = stored.GetValueOrDefault(duplicate.CanonicalId, duplicate.CanonicalLists);
                if (!lists.Contains(list))
                {
                    stored[duplicate.CanonicalId] = [.. lists, list];
                }
            }
        }
        return stored;
    }

    async Task AddListsAsync(Dictionary<long, string[]> messageLists, CancellationToken ct)
    {
        foreach (var (id, lists) in messageLists)
        {
            await ExecuteAsync("UPDATE messages SET lists = @lists WHERE id = @id", ct, ("@lists", lists), ("@id", id));
            long threadId;
            string[] threadLists;
            await using (var command = WriterCommand())
            {
                command.CommandText = "SELECT t.id, t.lists FROM threads t JOIN messages m ON m.thread_id = t.id WHERE m.id = @id";
                Dialect.AddParameter(command, "@id", id);
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (!await reader.ReadAsync(ct))
                {
                    continue;
                }
                threadId = reader.GetInt64(0);
                threadLists = Dialect.ReadTexts(reader, 1);
            }
            var union = threadLists.Union(lists, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            await ExecuteAsync("UPDATE threads SET lists = @lists WHERE id = @id", ct, ("@lists", union), ("@id", threadId));
        }
    }

    sealed record ThreadingResult(List<MessageRow> NewGhosts, List<LinkUpdate> Updates, List<long> ObsoleteGhosts,
        List<long> ObsoleteThreads, List<ThreadRow> Threads);

    /// <summary>
    /// Rethreads every thread the batch touches: threads holding a Message-ID the batch names or is, and threads
    /// whose messages name a Message-ID of the batch (a late parent). <see cref="ThreadBuilder"/> is a function of the
    /// set of messages, so the forest does not depend on archive order or on how mail was split across imports.
    /// </summary>
    async Task<ThreadingResult> ThreadAsync(List<PendingMessage> fresh, List<MessageRow> rows, CancellationToken ct)
    {
        var freshIds = fresh.Select(p => p.Row!.MessageId).ToHashSet(StringComparer.Ordinal);
        var named = new HashSet<string>(freshIds, StringComparer.Ordinal);
        foreach (var pending in fresh)
        {
            named.UnionWith(pending.InReplyTo);
            named.UnionWith(pending.References);
        }
        // Messages naming the batch's own ids (a late parent), not every named id: each message of a thread names
        // its root, so that would read whole threads' references to find threads the held ids already found.
        var members = await LoadThreadsAsync([.. named], [.. freshIds], referencesOnly: false, loaded: [], ct);
        IReadOnlyList<ThreadLink> links;
        var askedGhosts = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var inputs = new List<ThreadInput>(members.Count + fresh.Count);
            inputs.AddRange(members.Where(m => !m.IsGhost && !freshIds.Contains(m.MessageId))
                .Select(m => new ThreadInput(m.MessageId, m.InReplyTo, m.References, m.Date)));
            inputs.AddRange(fresh.Select(p => new ThreadInput(p.Row!.MessageId, p.InReplyTo, p.References, p.Row.Date)));
            links = ThreadBuilder.Build(inputs);

            // A ghost's parent is chosen from every message that names it in References, wherever that message
            // is; and a ghost row may already stand in another thread. Load those threads too, until none is new.
            var ghosts = links.Where(l => l.IsGhost && askedGhosts.Add(l.MessageId)).Select(l => l.MessageId).ToList();
            var more = ghosts.Count == 0 ? []
                : await LoadThreadsAsync(ghosts, ghosts, referencesOnly: true, loaded: [.. members.Select(m => m.ThreadId).Distinct()], ct);
            if (more.Count == 0)
            {
                break;
            }
            members.AddRange(more);
        }
        var threadIds = members.Select(m => m.ThreadId).Distinct().ToList();

        var byMessageId = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            byMessageId[member.MessageId] = member.Id;
        }
        foreach (var row in rows)
        {
            byMessageId[row.MessageId] = row.Id;
        }
        // A ghost row that stands already is among the members: every ghost was asked for above, and the threads
        // holding a row for it were loaded.
        var missingGhosts = links.Where(l => l.IsGhost && !byMessageId.ContainsKey(l.MessageId)).Select(l => l.MessageId).ToList();
        var ghostIds = await AllocateIdsAsync(missingGhosts.Count, ct);
        var newGhosts = missingGhosts.Select((messageId, i) => MessageRow.Ghost(ghostIds[i], messageId)).ToList();
        foreach (var ghost in newGhosts)
        {
            byMessageId[ghost.MessageId] = ghost.Id;
        }

        var rowsById = rows.Concat(newGhosts).ToDictionary(r => r.MessageId, StringComparer.Ordinal);
        var membersById = members.ToDictionary(m => m.MessageId, StringComparer.Ordinal);
        var updates = new List<LinkUpdate>();
        var linked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in links)
        {
            linked.Add(link.MessageId);
            long? parent = link.ParentMessageId is null ? null : byMessageId[link.ParentMessageId];
            var root = byMessageId[link.RootMessageId];
            if (rowsById.TryGetValue(link.MessageId, out var row))
            {
                row.ParentId = parent;
                row.ThreadId = root;
            }
            if (membersById.TryGetValue(link.MessageId, out var member) && (member.ParentId != parent || member.ThreadId != root))
            {
                updates.Add(new LinkUpdate(member.Id, parent, root));
            }
        }
        var obsoleteGhosts = members.Where(m => m.IsGhost && !linked.Contains(m.MessageId)).Select(m => m.Id).ToList();

        var threads = Summarise(links, byMessageId, members, rows, freshIds);
        var obsoleteThreads = threadIds.Concat(threads.Select(t => t.Id)).Distinct().ToList();
        return new ThreadingResult(newGhosts, updates, obsoleteGhosts, obsoleteThreads, threads);
    }

    static List<ThreadRow> Summarise(IReadOnlyList<ThreadLink> links, Dictionary<string, long> byMessageId,
        List<ThreadMember> members, List<MessageRow> rows, HashSet<string> freshIds)
    {
        var received = new Dictionary<string, (string Subject, string FromName, string FromEmail, DateTimeOffset? Date, IEnumerable<string> Lists)>(StringComparer.Ordinal);
        foreach (var member in members.Where(m => !m.IsGhost && !freshIds.Contains(m.MessageId)))
        {
            received[member.MessageId] = (member.Subject, member.FromName, member.FromEmail, member.Date, member.Lists);
        }
        foreach (var row in rows)
        {
            received[row.MessageId] = (row.Subject, row.FromName, row.FromEmail, row.Date, row.Lists);
        }

        var threads = new List<ThreadRow>();
        foreach (var group in links.GroupBy(l => l.RootMessageId, StringComparer.Ordinal))
        {
            var messages = group.Where(l => !l.IsGhost).Select(l => received[l.MessageId]).ToList();
            // A ghost root has no subject: the thread is named by its earliest message.
            var head = received.TryGetValue(group.Key, out var root)
                ? root
                : messages.OrderBy(m => m.Date ?? DateTimeOffset.MaxValue).First();
            var lists = messages.SelectMany(m => m.Lists).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            threads.Add(new ThreadRow(byMessageId[group.Key], head.Subject, head.FromName, head.FromEmail, head.Date,
                messages.Max(m => m.Date), messages.Count, lists));
        }
        return threads;
    }

    protected sealed record StoredMail(Dictionary<string, StoredIdentity> Messages, HashSet<string> VariantHashes);

    /// <summary>Rows and variants already stored under these Message-IDs.</summary>
    async Task<StoredMail> FindStoredAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var messages = new Dictionary<string, StoredIdentity>(StringComparer.Ordinal);
        var variants = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return new StoredMail(messages, variants);
        }
        // Both lookups in one round trip: each batch makes them twice, ahead and under the lock.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // served by ix_messages_message_id, then by ix_message_variants_message_id_content_hash
        command.CommandText = $"SELECT id, message_id, is_ghost, content_hash, lists FROM messages WHERE {Dialect.In(command, "message_id", ids)}; "
            + $"SELECT message_id, content_hash FROM message_variants WHERE {Dialect.In(command, "message_id", ids)}";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var identity = new StoredIdentity(reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2),
                reader.IsDBNull(3) ? null : (byte[])reader[3], Dialect.ReadTexts(reader, 4));
            messages[identity.MessageId] = identity;
        }
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            variants.Add(VariantKey(reader.GetString(0), (byte[])reader[1]));
        }
        return new StoredMail(messages, variants);
    }

    /// <summary>
    /// Every message and ghost of the threads that hold a row for one of the <paramref name="held"/> Message-IDs, or a
    /// message naming one of the <paramref name="named"/> ones (in its References only, when
    /// <paramref name="referencesOnly"/>), with the ids each names; but none of the threads <paramref name="loaded"/>
    /// already. Finding the threads and loading them is one round trip: each waited 5–8 ms for a core on the
    /// 52,845-message benchmark import, where the server needs a fraction of that.
    /// </summary>
    async Task<List<ThreadMember>> LoadThreadsAsync(IReadOnlyCollection<string> held, IReadOnlyCollection<string> named, bool referencesOnly,
        IReadOnlyCollection<long> loaded, CancellationToken ct)
    {
        await using var command = WriterCommand();
        command.CommandText = ThreadMembersQuery(Dialect, command, held, named, referencesOnly, loaded);
        var members = new List<ThreadMember>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var member = new ThreadMember
            {
                Id = reader.GetInt64(0),
                MessageId = reader.GetString(1),
                IsGhost = reader.GetBoolean(2),
                Date = Dialect.ReadDate(reader, 3),
                ParentId = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                ThreadId = reader.GetInt64(5),
                Subject = reader.GetString(6),
                FromName = reader.GetString(7),
                FromEmail = reader.GetString(8),
                Lists = [.. Dialect.ReadTexts(reader, 9)],
            };
            member.InReplyTo.AddRange(Dialect.ReadTexts(reader, 10));
            member.References.AddRange(Dialect.ReadTexts(reader, 11));
            members.Add(member);
        }
        return members;
    }

    /// <summary>
    /// The statement of <see cref="LoadThreadsAsync"/>. It reads through primary keys and a list of thread ids, not
    /// through joins. PostgreSQL keeps the plan it makes for a statement the importer runs again and again, until
    /// ANALYZE brings statistics, which autovacuum does a minute or so into an import. Joins planned while the tables
    /// were small and had none hashed all of <c>message_references</c> or of <c>messages</c> for every batch after,
    /// as the tables grew: at 50,000 messages, 30–50 ms a batch to load the members and 40–60 ms to find the threads.
    /// </summary>
    internal static string ThreadMembersQuery(SqlDialect dialect, DbCommand command, IReadOnlyCollection<string> held,
        IReadOnlyCollection<string> named, bool referencesOnly, IReadOnlyCollection<long> loaded)
    {
        // served by ix_messages_message_id, then by ix_message_references_referenced_message_id and PK_messages
        var threads = $"SELECT thread_id FROM messages WHERE {dialect.In(command, "message_id", held)} UNION "
            + "SELECT (SELECT n.thread_id FROM messages n WHERE n.id = r.message_id) FROM message_references r WHERE "
            + (referencesOnly ? "r.kind = 1 AND " : "") + dialect.In(command, "r.referenced_message_id", named);
        // served by ix_messages_thread_id_date, then by PK_message_references
        return "SELECT id, message_id, is_ghost, date, parent_id, thread_id, subject, from_name, from_email, lists, "
            + dialect.ListOf("r.referenced_message_id", "message_references r WHERE r.message_id = m.id AND r.kind = 0", "r.position") + ", "
            + dialect.ListOf("r.referenced_message_id", "message_references r WHERE r.message_id = m.id AND r.kind = 1", "r.position")
            + " FROM messages m WHERE " + dialect.InQuery("m.thread_id", threads)
            + (loaded.Count > 0 ? " AND NOT (" + dialect.In(command, "m.thread_id", loaded) + ")" : "");
    }

    protected DbCommand WriterCommand()
    {
        var command = Writer.CreateCommand();
        command.Transaction = Transaction;
        return command;
    }

    protected async Task ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = WriterCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Dialect.AddParameter(command, name, value);
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    async Task DeleteGhostsAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count > 0)
        {
            // A ghost may be the root of a pull request whose cover never reached the list, and the pull request's
            // rows go with it: rows a pass may be rewriting meanwhile, from a snapshot that still has them. Rare
            // (none in the 21,138-message benchmark import), so the batch waits for the pass rather than fail it.
            await Dialect.ExcludeDerivationsAsync(Writer, Transaction!, ct);
            await using var command = WriterCommand();
            command.CommandText = $"DELETE FROM messages WHERE {Dialect.In(command, "id", ids)} AND is_ghost";
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The summaries of the threads a batch touched, written anew: the threads they replace go first.</summary>
    async Task ReplaceThreadsAsync(IReadOnlyCollection<long> obsolete, IReadOnlyCollection<ThreadRow> threads, CancellationToken ct)
    {
        if (obsolete.Count > 0)
        {
            await using var command = WriterCommand();
            command.CommandText = $"DELETE FROM threads WHERE {Dialect.In(command, "id", obsolete)}";
            await command.ExecuteNonQueryAsync(ct);
        }
        await InsertThreadsAsync(threads, ct);
    }

    /// <summary>Writes a received message into the ghost row that stood for it, keeping the row's id.</summary>
    Task FillGhostAsync(MessageRow row, CancellationToken ct) => ExecuteAsync(
        "UPDATE messages SET is_ghost = @ghost, message_id_generated = @generated, subject = @subject, from_name = @fromName, from_email = @fromEmail, "
        + "\"to\" = @to, cc = @cc, date = @date, date_header = @dateHeader, lists = @lists, body_text = @body, is_flowed = @flowed, del_sp = @delSp, "
        + "content_hash = @hash, parent_id = @parent, thread_id = @thread, import_id = @import, source = @source, source_offset = @offset, "
        + "blob_id = @blob, size = @size WHERE id = @id", ct,
        ("@ghost", false), ("@generated", row.MessageIdGenerated), ("@subject", row.Subject), ("@fromName", row.FromName),
        ("@fromEmail", row.FromEmail), ("@to", row.To), ("@cc", row.Cc), ("@date", row.Date), ("@dateHeader", row.DateHeader),
        ("@lists", row.Lists), ("@body", row.BodyText), ("@flowed", row.IsFlowed), ("@delSp", row.DelSp), ("@hash", row.ContentHash),
        ("@parent", row.ParentId), ("@thread", row.ThreadId), ("@import", row.ImportId), ("@source", row.Source), ("@offset", row.SourceOffset),
        ("@blob", row.BlobId), ("@size", row.Size), ("@id", row.Id));

    // Variants and rejected mail are rare; plain inserts do. ON CONFLICT DO NOTHING (PostgreSQL, SQLite 3.24+)
    // keeps a re-import from storing the same one twice.
    async Task InsertVariantsAsync(long importId, IReadOnlyCollection<PendingMessage> variants, CancellationToken ct)
    {
        foreach (var variant in variants)
        {
            await ExecuteAsync(
                "INSERT INTO message_variants (message_id, canonical_id, content_hash, subject, from_name, from_email, date, import_id, source, source_offset, blob_id, raw) "
                + "VALUES (@messageId, @canonical, @hash, @subject, @fromName, @fromEmail, @date, @import, @source, @offset, @blob, @raw) ON CONFLICT DO NOTHING", ct,
                VariantParameters(importId, variant));
        }
    }

    async Task InsertRejectedAsync(long importId, IEnumerable<(PendingMessage Message, byte[] RawHash)> rejected, CancellationToken ct)
    {
        foreach (var (pending, hash) in rejected)
        {
            await ExecuteAsync(
                "INSERT INTO rejected_messages (import_id, source, source_offset, blob_id, reason, size, raw_hash, raw) "
                + "VALUES (@import, @source, @offset, @blob, @reason, @size, @hash, @raw) ON CONFLICT DO NOTHING", ct,
                RejectedParameters(importId, pending, hash));
        }
    }

    // Variants and rejects are rare: their bytes are copied into arrays of their own, which both providers bind.
    static (string, object?)[] VariantParameters(long importId, PendingMessage variant) =>
    [
        ("@messageId", variant.Fingerprint.MessageId), ("@canonical", variant.CanonicalId), ("@hash", variant.Fingerprint.ContentHash),
        ("@subject", variant.Row?.Subject ?? ""), ("@fromName", variant.Row?.FromName ?? ""), ("@fromEmail", variant.Row?.FromEmail ?? ""),
        ("@date", variant.Row?.Date), ("@import", importId), ("@source", variant.Envelope.Source), ("@offset", variant.Envelope.Offset),
        ("@blob", variant.Envelope.BlobId), ("@raw", variant.Envelope.Raw.ToArray()),
    ];

    static (string, object?)[] RejectedParameters(long importId, PendingMessage rejected, byte[] rawHash) =>
    [
        ("@import", importId), ("@source", rejected.Envelope.Source), ("@offset", rejected.Envelope.Offset), ("@blob", rejected.Envelope.BlobId),
        ("@reason", rejected.RejectReason ?? "unparsable"), ("@size", rejected.Envelope.Raw.Length), ("@hash", rawHash), ("@raw", rejected.Envelope.Raw.ToArray()),
    ];

    /// <summary>
    /// Derives the analysis (roles, patch facts, trailers) of up to <paramref name="count"/> stored messages after row
    /// <paramref name="afterId"/> again, from their stored text, in one transaction; their threads count as touched.
    /// Returns the last row id done and how many messages the batch held, or null when no message is left.
    /// </summary>
    public async Task<(long LastId, int Count)?> ReanalyzeBatchAsync(long afterId, int count, CancellationToken ct)
    {
        Transaction = await BeginExclusiveAsync(ct);
        try
        {
            var rows = new List<(long Id, long ThreadId, ParsedMessage Message)>();
            await using (var command = WriterCommand())
            {
                command.CommandText = "SELECT id, thread_id, message_id, subject, from_name, from_email, date, body_text, is_flowed, del_sp "
                    + "FROM messages WHERE id > @after AND NOT is_ghost ORDER BY id LIMIT @count";
                Dialect.AddParameter(command, "@after", afterId);
                Dialect.AddParameter(command, "@count", count);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    rows.Add((reader.GetInt64(0), reader.GetInt64(1), new ParsedMessage
                    {
                        MessageId = reader.GetString(2), MessageIdGenerated = false, Subject = reader.GetString(3),
                        From = new Person(reader.GetString(4), reader.GetString(5)), To = [], Cc = [], Date = Dialect.ReadDate(reader, 6),
                        DateHeader = null, InReplyTo = [], References = [], ListId = null, BodyText = reader.GetString(7),
                        IsFlowed = reader.GetBoolean(8), DelSp = reader.GetBoolean(9), ContentHash = [],
                    }));
                }
            }
            if (rows.Count == 0)
            {
                await Transaction.CommitAsync(ct);
                return null;
            }

            var ids = rows.Select(r => r.Id).ToList();
            var inReplyTo = new Dictionary<long, List<string>>();
            await using (var command = WriterCommand())
            {
                command.CommandText = "SELECT message_id, referenced_message_id FROM message_references WHERE kind = 0 AND "
                    + Dialect.In(command, "message_id", ids) + " ORDER BY message_id, position";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var id = reader.GetInt64(0);
                    (inReplyTo.TryGetValue(id, out var list) ? list : inReplyTo[id] = []).Add(reader.GetString(1));
                }
            }
            var facts = rows.Select(r => (r.Id, Facts: MailFacts.Of(r.Message with { InReplyTo = inReplyTo.GetValueOrDefault(r.Id, []) })))
                .Where(f => !f.Facts.IsEmpty).ToList();

            foreach (var table in new[] { "mail_analysis", "message_trailers" })
            {
                await using var command = WriterCommand();
                command.CommandText = $"DELETE FROM {table} WHERE " + Dialect.In(command, "message_id", ids);
                await command.ExecuteNonQueryAsync(ct);
            }
            await InsertFactsAsync(facts, ct);
            await Transaction.CommitAsync(ct);
            _touched.UnionWith(rows.Select(r => r.ThreadId));
            return (rows[^1].Id, rows.Count);
        }
        catch
        {
            await Transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
    }

    /// <summary>Records the start of an import and returns its id.</summary>
    public async Task<long> StartImportAsync(string source, DateTimeOffset startedAt, CancellationToken ct)
    {
        await ReclaimAbandonedRawAsync(ct);
        await using var command = WriterCommand();
        command.CommandText = "INSERT INTO imports (source, started_at, read, stored, duplicates, variants, rejected) "
            + "VALUES (@source, @started, 0, 0, 0, 0, 0) RETURNING id";
        Dialect.AddParameter(command, "@source", source);
        Dialect.AddParameter(command, "@started", startedAt);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task FinishImportAsync(long importId, ImportCounts counts, string? error, DateTimeOffset finishedAt, CancellationToken ct) => ExecuteAsync(
        "UPDATE imports SET finished_at = @finished, error = @error, read = @read, stored = @stored, duplicates = @duplicates, "
        + "variants = @variants, rejected = @rejected WHERE id = @id", ct,
        ("@finished", finishedAt), ("@error", error), ("@read", counts.Read), ("@stored", counts.Stored), ("@duplicates", counts.Duplicates),
        ("@variants", counts.Variants), ("@rejected", counts.Rejected), ("@id", importId));

    Task UpdateImportAsync(long importId, ImportCounts counts, CancellationToken ct) => ExecuteAsync(
        "UPDATE imports SET read = @read, stored = @stored, duplicates = @duplicates, variants = @variants, rejected = @rejected, "
        + "pending_raw = NULL WHERE id = @id", ct,
        ("@read", counts.Read), ("@stored", counts.Stored), ("@duplicates", counts.Duplicates), ("@variants", counts.Variants),
        ("@rejected", counts.Rejected), ("@id", importId));

    protected virtual Task<DbTransaction> BeginExclusiveAsync(CancellationToken ct) => Dialect.BeginExclusiveAsync(Writer, ct);
    protected abstract Task<long[]> AllocateIdsAsync(int count, CancellationToken ct);
    protected abstract Task InsertMessagesAsync(IReadOnlyCollection<MessageRow> rows, CancellationToken ct);

    /// <summary>
    /// Starts saving a batch's raw bytes (the messages' ids and their bytes as received) and returns the task that
    /// completes once they are saved, which the batch awaits before it commits. A provider that saves them in the
    /// batch's own transaction does so before it returns: the batch's next statements go to the same connection.
    /// </summary>
    protected abstract Task<Task> BeginRawAsync(long importId, IReadOnlyList<(long Id, ReadOnlyMemory<byte> Raw)> rows, CancellationToken ct);

    /// <summary>Removes the raw bytes a failed batch saved beside it (see <see cref="BeginRawAsync"/>); none by default.</summary>
    protected virtual Task ReclaimAbandonedRawAsync(CancellationToken ct) => Task.CompletedTask;
    /// <summary>The In-Reply-To and References of saved messages, each under its row's id.</summary>
    protected abstract Task InsertReferencesAsync(IReadOnlyList<PendingMessage> saved, CancellationToken ct);
    protected abstract Task InsertAnalysisAsync(IReadOnlyCollection<AnalysisRow> rows, CancellationToken ct);
    protected abstract Task InsertTrailersAsync(IReadOnlyCollection<(long Id, int Position, Core.Patches.Trailer Trailer)> rows, CancellationToken ct);
    protected abstract Task UpdateLinksAsync(IReadOnlyCollection<LinkUpdate> updates, CancellationToken ct);
    protected abstract Task InsertThreadsAsync(IReadOnlyCollection<ThreadRow> threads, CancellationToken ct);
}
