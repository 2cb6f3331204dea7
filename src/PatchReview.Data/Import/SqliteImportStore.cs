using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using PatchReview.Core.Mail;
using PatchReview.Core.Patches;

namespace PatchReview.Data.Import;

/// <summary>
/// SQLite: rows through prepared statements, and ids allocated ahead under the single-writer lock of
/// <c>BEGIN IMMEDIATE</c>.
/// </summary>
sealed class SqliteImportStore(string connectionString)
    : ImportStore(new SqliteConnection(connectionString), new SqliteConnection(connectionString), SqlDialect.For(DatabaseProvider.Sqlite))
{
    SqliteConnection Connection => (SqliteConnection)Writer;

    protected override async Task OpenConnectionsAsync(CancellationToken ct)
    {
        await base.OpenConnectionsAsync(ct);
        foreach (var connection in new[] { Lookup, Writer })
        {
            await using var command = connection.CreateCommand();
            // NORMAL is durable in WAL mode except for the last transactions before a power cut, which a re-run restores.
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    protected override Task<DbTransaction> BeginExclusiveAsync(CancellationToken ct)
    {
        _allocatedAhead = 0;
        return base.BeginExclusiveAsync(ct);
    }

    protected override async Task<long[]> AllocateIdsAsync(int count, CancellationToken ct)
    {
        if (count == 0)
        {
            return [];
        }
        // The write transaction is exclusive, so the next ids after the largest are free.
        await using var command = WriterCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM messages";
        var first = (long)(await command.ExecuteScalarAsync(ct))! + 1 + _allocatedAhead;
        _allocatedAhead += count;
        return [.. Enumerable.Range(0, count).Select(i => first + i)];
    }

    /// <summary>Ids handed out in this transaction but not inserted yet.</summary>
    long _allocatedAhead;

    const string InsertMessageSql =
        "INSERT INTO messages (id, message_id, is_ghost, message_id_generated, subject, from_name, from_email, \"to\", cc, date, date_header, lists, "
        + "body_text, is_flowed, del_sp, content_hash, parent_id, thread_id, import_id, source, source_offset, blob_id, size) VALUES "
        + "(@id, @messageId, @ghost, @generated, @subject, @fromName, @fromEmail, @to, @cc, @date, @dateHeader, @lists, @body, @flowed, @delSp, "
        + "@hash, @parent, @thread, @import, @source, @offset, @blob, @size)";

    protected override async Task InsertMessagesAsync(IReadOnlyCollection<MessageRow> rows, CancellationToken ct)
    {
        _allocatedAhead = 0;
        if (rows.Count == 0)
        {
            return;
        }
        await using var command = Prepare(InsertMessageSql, "@id", "@messageId", "@ghost", "@generated", "@subject", "@fromName", "@fromEmail",
            "@to", "@cc", "@date", "@dateHeader", "@lists", "@body", "@flowed", "@delSp", "@hash", "@parent", "@thread", "@import", "@source",
            "@offset", "@blob", "@size");
        foreach (var row in rows)
        {
            await RunAsync(command, ct, row.Id, row.MessageId, row.IsGhost, row.MessageIdGenerated, row.Subject, row.FromName, row.FromEmail,
                row.To, row.Cc, row.Date, row.DateHeader, row.Lists, row.BodyText, row.IsFlowed, row.DelSp, row.ContentHash, row.ParentId,
                row.ThreadId, row.ImportId, row.Source, row.SourceOffset, row.BlobId, row.Size);
        }
    }

    SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = (SqliteCommand)WriterCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    async Task RunAsync(SqliteCommand command, CancellationToken ct, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = Dialect.ToDbValue(values[i]) ?? DBNull.Value;
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>In the batch's own transaction: SQLite has one writer at a time, so there is nothing to save beside it.</summary>
    protected override async Task<Task> BeginRawAsync(long importId, IReadOnlyList<(long Id, ReadOnlyMemory<byte> Raw)> rows, CancellationToken ct)
    {
        await using var command = Prepare("INSERT INTO message_raw (message_id, data) VALUES (@id, @data)", "@id", "@data");
        foreach (var (id, raw) in rows)
        {
            // Microsoft.Data.Sqlite binds a blob from a whole byte[] only: a message packed into a reader's slab is copied.
            await RunAsync(command, ct, id, MemoryMarshal.TryGetArray(raw, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
                ? whole.Array : raw.ToArray());
        }
        return Task.CompletedTask;
    }

    protected override async Task InsertReferencesAsync(IReadOnlyList<PendingMessage> saved, CancellationToken ct)
    {
        await using var command = Prepare(
            "INSERT INTO message_references (message_id, kind, position, referenced_message_id) VALUES (@id, @kind, @position, @referenced)",
            "@id", "@kind", "@position", "@referenced");
        foreach (var message in saved)
        {
            var id = message.Row!.Id;
            for (var i = 0; i < message.InReplyTo.Count; i++)
            {
                await RunAsync(command, ct, id, 0, i, message.InReplyTo[i]);
            }
            for (var i = 0; i < message.References.Count; i++)
            {
                await RunAsync(command, ct, id, 1, i, message.References[i]);
            }
        }
    }

    protected override async Task InsertAnalysisAsync(IReadOnlyCollection<AnalysisRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var command = Prepare(
            "INSERT INTO mail_analysis (message_id, role, version, version_text, \"index\", total, is_rfc, is_resend, is_backport, title, normalized_title, author_name, "
            + "author_email, patch_id, files, diff_sketch, text_sketch, lines_added, lines_removed, mentioned_ids, labelled_ids, supersedes_ids, change_ids) "
            + "VALUES (@id, @role, @version, @versionText, @index, @total, @rfc, @resend, @backport, @title, @normalized, @authorName, @authorEmail, "
            + "@patchId, @files, @sketch, @textSketch, @added, @removed, @mentioned, @labelled, @supersedes, @changeIds)",
            "@id", "@role", "@version", "@versionText", "@index", "@total", "@rfc", "@resend", "@backport", "@title", "@normalized", "@authorName", "@authorEmail",
            "@patchId", "@files", "@sketch", "@textSketch", "@added", "@removed", "@mentioned", "@labelled", "@supersedes", "@changeIds");
        foreach (var row in rows)
        {
            await RunAsync(command, ct, row.Id, row.Role, row.Version, row.VersionText, row.Index, row.Total, row.IsRfc, row.IsResend, row.IsBackport, row.Title,
                row.NormalizedTitle, row.AuthorName, row.AuthorEmail, row.PatchId, row.Files, row.DiffSketch, row.TextSketch,
                row.LinesAdded, row.LinesRemoved, row.MentionedIds, row.LabelledIds, row.SupersedesIds, row.ChangeIds);
        }
    }

    protected override async Task InsertTrailersAsync(IReadOnlyCollection<(long Id, int Position, Trailer Trailer)> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var command = Prepare(
            "INSERT INTO message_trailers (message_id, position, type, value, name, email) VALUES (@id, @position, @type, @value, @name, @email)",
            "@id", "@position", "@type", "@value", "@name", "@email");
        foreach (var (id, position, trailer) in rows)
        {
            await RunAsync(command, ct, id, position, trailer.Type, trailer.Value, trailer.Name, trailer.Email);
        }
    }

    protected override async Task UpdateLinksAsync(IReadOnlyCollection<LinkUpdate> updates, CancellationToken ct)
    {
        await using var command = Prepare("UPDATE messages SET parent_id = @parent, thread_id = @thread WHERE id = @id", "@parent", "@thread", "@id");
        foreach (var update in updates)
        {
            await RunAsync(command, ct, update.ParentId, update.ThreadId, update.Id);
        }
    }

    protected override async Task InsertThreadsAsync(IReadOnlyCollection<ThreadRow> threads, CancellationToken ct)
    {
        await using var command = Prepare(
            "INSERT INTO threads (id, subject, from_name, from_email, date, last_activity, message_count, lists) "
            + "VALUES (@id, @subject, @fromName, @fromEmail, @date, @last, @count, @lists)",
            "@id", "@subject", "@fromName", "@fromEmail", "@date", "@last", "@count", "@lists");
        foreach (var thread in threads)
        {
            await RunAsync(command, ct, thread.Id, thread.Subject, thread.FromName, thread.FromEmail, thread.Date, thread.LastActivity,
                thread.MessageCount, thread.Lists);
        }
    }
}
