using System.Data.Common;
using Npgsql;
using PatchReview.Core.Mail;
using PatchReview.Data.Import;
using PatchReview.Testing;

namespace PatchReview.Data.Tests.Import;

/// <summary>
/// On PostgreSQL the passes that derive series and reviews take turns among themselves, each reading one snapshot
/// taken once its turn came, while importers go on saving batches beside them. Each test holds a pass open on a
/// connection of its own; the timeouts only turn a regression that would wait forever into a failure.
/// </summary>
public sealed class PostgresDerivationLockTests
{
    /// <summary>In this database: pg_locks lists every database's, and the template-made test databases share table oids.</summary>
    const string SeriesLockWaited = "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE relation = 'series'::regclass AND NOT granted "
        + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))";

    static readonly SqlDialect Dialect = SqlDialect.For(DatabaseProvider.Postgres);

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task An_import_saves_every_batch_while_a_derivation_pass_holds_the_lock()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);
        await using var pass = await OpenAsync(database);
        await using var observer = await OpenAsync(database);
        var held = await Dialect.BeginDerivationAsync(pass, Ct);
        var allSaved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var import = database.Get<MailboxImporter>().ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, Ct),
            new SynchronousProgress(p =>
            {
                if (p is { Stage: ImportStage.Saving, Stored: 621 })
                {
                    allSaved.TrySetResult();
                }
            }), Ct);

        // None of the zPCI archive's batches removes a ghost, which would wait for the pass (see the last test).
        Assert.Same(allSaved.Task, await Task.WhenAny(allSaved.Task, import));
        Assert.Equal(621L, await ScalarAsync(observer, null, "SELECT COUNT(*) FROM messages WHERE NOT is_ghost"));
        // Only the import's own series update waits for the pass.
        await WaitUntilAsync(observer, SeriesLockWaited, import);
        Assert.False(import.IsCompleted);
        await held.RollbackAsync(Ct);
        var summary = await import;
        Assert.Equal((621, 621), (summary.Read, summary.Stored));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_pass_waits_for_the_one_before_it_and_then_sees_what_was_committed_while_it_waited()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);
        await using var first = await OpenAsync(database);
        await using var second = await OpenAsync(database);
        await using var writer = await OpenAsync(database);
        var firstPass = await Dialect.BeginDerivationAsync(first, Ct);

        var secondPass = Dialect.BeginDerivationAsync(second, Ct);
        await WaitUntilAsync(writer, SeriesLockWaited, secondPass);
        Assert.False(secondPass.IsCompleted);
        await ScalarAsync(writer, null, "INSERT INTO participants (name, email) VALUES ('Late Writer', 'late@example.org') RETURNING id");
        await firstPass.CommitAsync(Ct);
        await using var turn = await secondPass;

        // Its snapshot is taken after the wait, not when it asked: a pass that read the world as it was before the
        // previous pass wrote would write over that pass's series from stale mail.
        Assert.Equal(1L, await ScalarAsync(second, turn, "SELECT COUNT(*) FROM participants WHERE email = 'late@example.org'"));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_batch_that_removes_a_ghost_waits_for_the_running_pass()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);
        var importer = database.Get<MailboxImporter>();
        // reply@x answers patch2@x, whose References put it under cover@x: two ghosts, cover@x the thread's root.
        await importer.ImportAsync("reply", MailFixtures.Stream([MailFixtures.Envelope(MailFixtures.Message("reply@x", "Re: [PATCH 2/2] b",
            inReplyTo: "patch2@x", references: "<cover@x> <patch2@x>"))], Ct), null, Ct);
        await using var observer = await OpenAsync(database);
        const string CoverGhosts = "SELECT COUNT(*) FROM messages WHERE message_id = 'cover@x' AND is_ghost";
        Assert.Equal(1L, await ScalarAsync(observer, null, CoverGhosts));
        await using var pass = await OpenAsync(database);
        var held = await Dialect.BeginDerivationAsync(pass, Ct);

        // patch2@x arrives answering other@x: cover@x is nobody's ancestor any more. Removing it would remove a pull
        // request rooted in it, which the pass may be rewriting from a snapshot that still has it.
        var import = importer.ImportAsync("patch", MailFixtures.Stream([MailFixtures.Envelope(MailFixtures.Message("patch2@x", "[PATCH 2/2] b",
            inReplyTo: "other@x", references: "<other@x>"))], Ct), null, Ct);
        await WaitUntilAsync(observer, SeriesLockWaited, import);

        Assert.False(import.IsCompleted);
        Assert.Equal(1L, await ScalarAsync(observer, null, CoverGhosts));
        await held.RollbackAsync(Ct);
        await import;
        Assert.Equal(0L, await ScalarAsync(observer, null, CoverGhosts));
    }

    static async Task<NpgsqlConnection> OpenAsync(TestDatabase database)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    static async Task<object?> ScalarAsync(NpgsqlConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction?)transaction);
        return await command.ExecuteScalarAsync(Ct);
    }

    /// <summary>
    /// Until the server says <paramref name="condition"/> holds, or <paramref name="work"/> has ended (which the
    /// caller then finds and fails on): a condition, not a guess at how long something takes.
    /// </summary>
    static async Task WaitUntilAsync(NpgsqlConnection observer, string condition, Task work)
    {
        await using var command = new NpgsqlCommand(condition, observer);
        while (!work.IsCompleted && await command.ExecuteScalarAsync(Ct) is not true)
        {
            await Task.Yield();
        }
    }
}
