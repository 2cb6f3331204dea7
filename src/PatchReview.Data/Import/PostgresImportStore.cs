using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using PatchReview.Core.Mail;
using PatchReview.Core.Patches;

namespace PatchReview.Data.Import;

/// <summary>
/// PostgreSQL: rows through binary COPY. A batch's raw bytes, most of its volume, are saved on a third connection
/// while the batch is threaded and saved on the writer's, and the two wait for each other only at the commit: the
/// database works on both at once instead of one after the other.
/// </summary>
sealed class PostgresImportStore(string connectionString)
    : ImportStore(PostgresConnections.Create(connectionString), PostgresConnections.Create(ForCopy(connectionString)), SqlDialect.For(DatabaseProvider.Postgres))
{
    NpgsqlConnection Connection => (NpgsqlConnection)Writer;

    /// <summary>Opened by the first batch that stores mail: a re-import of stored mail never needs it.</summary>
    readonly NpgsqlConnection _rawConnection = PostgresConnections.Create(ForCopy(connectionString));

    /// <summary>
    /// The connections that COPY stream a batch's megabytes through a larger write buffer than Npgsql's 8 KB, which
    /// sent each batch in a thousand pieces, each waking the server: at 64 KB the steady state rose from a median of
    /// 2,590 to 2,730 msgs/s over six interleaved runs on 21,138 messages. A buffer the settings make larger is kept.
    /// </summary>
    static string ForCopy(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.WriteBufferSize = Math.Max(builder.WriteBufferSize, 64 * 1024);
        return builder.ConnectionString;
    }

    /// <summary>Opened by the first series update midway through an import.</summary>
    readonly NpgsqlConnection _derivationConnection = PostgresConnections.Create(connectionString);

    public override async Task<SqlSession?> DerivationSessionAsync(CancellationToken ct)
    {
        if (_derivationConnection.State != System.Data.ConnectionState.Open)
        {
            await _derivationConnection.OpenAsync(ct);
        }
        return new SqlSession(_derivationConnection, Dialect);
    }

    public override async ValueTask DisposeAsync()
    {
        await _derivationConnection.DisposeAsync();
        await _rawConnection.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>
    /// Ids drawn from the sequence ahead of need. Drawn batch by batch, they cost a round trip per batch (two when it
    /// has ghosts), and on the 52,845-message benchmark import each of those took 4–5 ms, waiting for a core, where
    /// the server needs half a millisecond. The first draw takes what its batch needs, so that an import of one batch
    /// (the daily kind) leaves no gap; later ones take a block. Ids a long import leaves undrawn stay unused, a gap like
    /// the one a rolled-back insert leaves. Importers that run at once hold blocks of their own, so ids no longer
    /// follow the order in which their rows are committed: nothing may page through mail by id to find what is new.
    /// </summary>
    readonly Queue<long> _drawnIds = new();

    bool _drawnBefore;

    const int IdsDrawnAtOnce = 4096;

    protected override async Task<long[]> AllocateIdsAsync(int count, CancellationToken ct)
    {
        if (_drawnIds.Count < count)
        {
            await using var command = new NpgsqlCommand(
                "SELECT nextval(pg_get_serial_sequence('messages', 'id')) FROM generate_series(1, @count)", Connection, (NpgsqlTransaction?)Transaction);
            command.Parameters.AddWithValue("count", Math.Max(count - _drawnIds.Count, _drawnBefore ? IdsDrawnAtOnce : 0));
            _drawnBefore = true;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                _drawnIds.Enqueue(reader.GetInt64(0));
            }
        }
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = _drawnIds.Dequeue();
        }
        return ids;
    }

    protected override async Task InsertMessagesAsync(IReadOnlyCollection<MessageRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var copy = await Connection.BeginBinaryImportAsync(
            "COPY messages (id, message_id, is_ghost, message_id_generated, subject, from_name, from_email, \"to\", cc, date, date_header, lists, "
            + "body_text, is_flowed, del_sp, content_hash, parent_id, thread_id, import_id, source, source_offset, blob_id, size) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            copy.StartRow();
            copy.Write(row.Id, NpgsqlDbType.Bigint);
            copy.Write(row.MessageId, NpgsqlDbType.Text);
            copy.Write(row.IsGhost, NpgsqlDbType.Boolean);
            copy.Write(row.MessageIdGenerated, NpgsqlDbType.Boolean);
            copy.Write(row.Subject, NpgsqlDbType.Text);
            copy.Write(row.FromName, NpgsqlDbType.Text);
            copy.Write(row.FromEmail, NpgsqlDbType.Text);
            copy.Write(row.To, NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.Write(row.Cc, NpgsqlDbType.Array | NpgsqlDbType.Text);
            WriteNullable(copy, row.Date, NpgsqlDbType.TimestampTz);
            WriteNullable(copy, row.DateHeader, NpgsqlDbType.Text);
            copy.Write(row.Lists, NpgsqlDbType.Array | NpgsqlDbType.Text);
            // The body goes as the UTF-8 it is held in: text's binary form.
            copy.Write(row.Body, NpgsqlDbType.Text);
            copy.Write(row.IsFlowed, NpgsqlDbType.Boolean);
            copy.Write(row.DelSp, NpgsqlDbType.Boolean);
            WriteNullable(copy, row.ContentHash, NpgsqlDbType.Bytea);
            WriteNullable(copy, row.ParentId, NpgsqlDbType.Bigint);
            copy.Write(row.ThreadId, NpgsqlDbType.Bigint);
            WriteNullable(copy, row.ImportId, NpgsqlDbType.Bigint);
            WriteNullable(copy, row.Source, NpgsqlDbType.Text);
            WriteNullable(copy, row.SourceOffset, NpgsqlDbType.Bigint);
            WriteNullable(copy, row.BlobId, NpgsqlDbType.Text);
            copy.Write(row.Size, NpgsqlDbType.Integer);
        }
        await copy.CompleteAsync(ct);
    }

    // Rows are written synchronously into Npgsql's buffer, which flushes to the socket when full: an await per
    // field costs more than the field.
    static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    /// <summary>
    /// Commits the raw bytes, with their ids noted on the import, before the batch commits its messages: a message
    /// row never stands without its bytes. Should the batch fail, its import is left naming bytes no message uses,
    /// and the next import removes them (<see cref="ReclaimAbandonedRawAsync"/>). The batch holds the writers' lock
    /// meanwhile and clears the note as it commits, so whoever holds the lock and finds a note finds a failed batch's.
    /// </summary>
    protected override Task<Task> BeginRawAsync(long importId, IReadOnlyList<(long Id, ReadOnlyMemory<byte> Raw)> rows, CancellationToken ct) =>
        Task.FromResult(SaveRawBesideAsync(importId, rows, ct));

    async Task SaveRawBesideAsync(long importId, IReadOnlyList<(long Id, ReadOnlyMemory<byte> Raw)> rows, CancellationToken ct)
    {
        if (_rawConnection.State != System.Data.ConnectionState.Open)
        {
            await _rawConnection.OpenAsync(ct);
        }
        await using var transaction = await _rawConnection.BeginTransactionAsync(ct);
        // Under the batch's lock these ids are new, or ghosts the batch fills: bytes found under them were left by a
        // batch killed before it committed, and would stop this one on a duplicate key.
        await using (var note = new NpgsqlCommand("UPDATE imports SET pending_raw = @ids WHERE id = @id; "
            + "DELETE FROM message_raw WHERE message_id = ANY(@ids)", _rawConnection, transaction))
        {
            note.Parameters.Add(new NpgsqlParameter<long[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. rows.Select(r => r.Id)] });
            note.Parameters.Add(new NpgsqlParameter<long>("id", importId));
            await note.ExecuteNonQueryAsync(ct);
        }
        await using (var copy = await _rawConnection.BeginBinaryImportAsync("COPY message_raw (message_id, data) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (id, raw) in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                // Megabytes a batch: awaited, the flushes do not hold a pool thread while the server reads them.
                await copy.WriteAsync(raw, NpgsqlDbType.Bytea, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    protected override async Task ReclaimAbandonedRawAsync(CancellationToken ct)
    {
        // Nearly always there is nothing: look without the lock first.
        await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM imports WHERE pending_raw IS NOT NULL)", Connection))
        {
            if (await any.ExecuteScalarAsync(ct) is not true)
            {
                return;
            }
        }
        await using var transaction = await BeginExclusiveAsync(ct);
        // A failed batch may have been filling a ghost, whose row stands: those bytes are no message's either.
        await using var reclaim = new NpgsqlCommand(
            "WITH abandoned AS (SELECT id, pending_raw FROM imports WHERE pending_raw IS NOT NULL FOR UPDATE), "
            + "reclaimed AS (DELETE FROM message_raw r USING abandoned a WHERE r.message_id = ANY(a.pending_raw) "
            + "AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = r.message_id AND NOT m.is_ghost)) "
            + "UPDATE imports SET pending_raw = NULL WHERE id IN (SELECT id FROM abandoned)", Connection, (NpgsqlTransaction)transaction);
        await reclaim.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    protected override async Task InsertReferencesAsync(IReadOnlyList<PendingMessage> saved, CancellationToken ct)
    {
        await using var copy = await Connection.BeginBinaryImportAsync(
            "COPY message_references (message_id, kind, position, referenced_message_id) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var message in saved)
        {
            var id = message.Row!.Id;
            for (var i = 0; i < message.InReplyTo.Count; i++)
            {
                WriteReference(copy, id, 0, i, message.InReplyTo[i]);
            }
            for (var i = 0; i < message.References.Count; i++)
            {
                WriteReference(copy, id, 1, i, message.References[i]);
            }
        }
        await copy.CompleteAsync(ct);
    }

    static void WriteReference(NpgsqlBinaryImporter copy, long id, int kind, int position, string referenced)
    {
        copy.StartRow();
        copy.Write(id, NpgsqlDbType.Bigint);
        copy.Write(kind, NpgsqlDbType.Integer);
        copy.Write(position, NpgsqlDbType.Integer);
        copy.Write(referenced, NpgsqlDbType.Text);
    }

    protected override async Task InsertAnalysisAsync(IReadOnlyCollection<AnalysisRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var copy = await Connection.BeginBinaryImportAsync(
            "COPY mail_analysis (message_id, role, version, version_text, \"index\", total, is_rfc, is_resend, is_backport, title, normalized_title, author_name, author_email, "
            + "patch_id, files, diff_sketch, text_sketch, lines_added, lines_removed, mentioned_ids, labelled_ids, supersedes_ids, change_ids) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            copy.StartRow();
            copy.Write(row.Id, NpgsqlDbType.Bigint);
            copy.Write(row.Role, NpgsqlDbType.Text);
            copy.Write(row.Version, NpgsqlDbType.Integer);
            copy.Write(row.VersionText, NpgsqlDbType.Text);
            WriteNullable(copy, row.Index, NpgsqlDbType.Integer);
            WriteNullable(copy, row.Total, NpgsqlDbType.Integer);
            copy.Write(row.IsRfc, NpgsqlDbType.Boolean);
            copy.Write(row.IsResend, NpgsqlDbType.Boolean);
            copy.Write(row.IsBackport, NpgsqlDbType.Boolean);
            copy.Write(row.Title, NpgsqlDbType.Text);
            copy.Write(row.NormalizedTitle, NpgsqlDbType.Text);
            copy.Write(row.AuthorName, NpgsqlDbType.Text);
            copy.Write(row.AuthorEmail, NpgsqlDbType.Text);
            WriteNullable(copy, row.PatchId, NpgsqlDbType.Text);
            copy.Write(row.Files, NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.Write(row.DiffSketch, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            copy.Write(row.TextSketch, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
            copy.Write(row.LinesAdded, NpgsqlDbType.Integer);
            copy.Write(row.LinesRemoved, NpgsqlDbType.Integer);
            copy.Write(row.MentionedIds, NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.Write(row.LabelledIds, NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.Write(row.SupersedesIds, NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.Write(row.ChangeIds, NpgsqlDbType.Array | NpgsqlDbType.Text);
        }
        await copy.CompleteAsync(ct);
    }

    protected override async Task InsertTrailersAsync(IReadOnlyCollection<(long Id, int Position, Trailer Trailer)> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var copy = await Connection.BeginBinaryImportAsync(
            "COPY message_trailers (message_id, position, type, value, name, email) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (id, position, trailer) in rows)
        {
            copy.StartRow();
            copy.Write(id, NpgsqlDbType.Bigint);
            copy.Write(position, NpgsqlDbType.Integer);
            copy.Write(trailer.Type, NpgsqlDbType.Text);
            copy.Write(trailer.Value, NpgsqlDbType.Text);
            WriteNullable(copy, trailer.Name, NpgsqlDbType.Text);
            WriteNullable(copy, trailer.Email, NpgsqlDbType.Text);
        }
        await copy.CompleteAsync(ct);
    }

    protected override async Task UpdateLinksAsync(IReadOnlyCollection<LinkUpdate> updates, CancellationToken ct)
    {
        if (updates.Count == 0)
        {
            return;
        }
        await using var command = new NpgsqlCommand(
            "UPDATE messages m SET parent_id = v.parent, thread_id = v.thread FROM unnest(@ids, @parents, @threads) AS v(id, parent, thread) WHERE m.id = v.id",
            Connection, (NpgsqlTransaction?)Transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. updates.Select(u => u.Id)] });
        command.Parameters.Add(new NpgsqlParameter<long?[]>("parents", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. updates.Select(u => u.ParentId)] });
        command.Parameters.Add(new NpgsqlParameter<long[]>("threads", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. updates.Select(u => u.ThreadId)] });
        await command.ExecuteNonQueryAsync(ct);
    }

    protected override async Task InsertThreadsAsync(IReadOnlyCollection<ThreadRow> threads, CancellationToken ct)
    {
        await using var copy = await Connection.BeginBinaryImportAsync(
            "COPY threads (id, subject, from_name, from_email, date, last_activity, message_count, lists) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var thread in threads)
        {
            copy.StartRow();
            copy.Write(thread.Id, NpgsqlDbType.Bigint);
            copy.Write(thread.Subject, NpgsqlDbType.Text);
            copy.Write(thread.FromName, NpgsqlDbType.Text);
            copy.Write(thread.FromEmail, NpgsqlDbType.Text);
            WriteNullable(copy, thread.Date, NpgsqlDbType.TimestampTz);
            WriteNullable(copy, thread.LastActivity, NpgsqlDbType.TimestampTz);
            copy.Write(thread.MessageCount, NpgsqlDbType.Integer);
            copy.Write(thread.Lists, NpgsqlDbType.Array | NpgsqlDbType.Text);
        }
        await copy.CompleteAsync(ct);
    }
}
