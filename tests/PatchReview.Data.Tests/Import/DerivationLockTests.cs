using Npgsql;
using PatchReview.Core.Mail;
using PatchReview.Data.Import;
using PatchReview.Testing;

namespace PatchReview.Data.Tests.Import;

/// <summary>
/// On PostgreSQL the passes that derive series and reviews take turns among themselves, each reading one snapshot
/// taken once its turn came, while importers go on saving batches beside them.
/// </summary>
public sealed class PostgresDerivationLockTests
{
    static readonly SqlDialect Dialect = SqlDialect.For(DatabaseProvider.Postgres);

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_import_saves_every_batch_while_a_derivation_pass_holds_the_lock()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);
        await using var pass = await OpenAsync(database);
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
        await allSaved.Task.WaitAsync(Ct);

        // The 621 messages are committed; only the import's own series update waits for the pass.
        await using (var reader = await OpenAsync(database))
        {
            Assert.Equal(621L, await ScalarAsync(reader, null, "SELECT COUNT(*) FROM messages WHERE NOT is_ghost"));
        }
        Assert.False(import.IsCompleted);
        await held.RollbackAsync(Ct);
        var summary = await import;
        Assert.Equal((621, 621), (summary.Read, summary.Stored));
    }

    [Fact]
    public async Task A_pass_waits_for_the_one_before_it_and_then_sees_what_was_committed_while_it_waited()
    {
        await using var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);
        await using var first = await OpenAsync(database);
        await using var second = await OpenAsync(database);
        await using var writer = await OpenAsync(database);
        var firstPass = await Dialect.BeginDerivationAsync(first, Ct);

        var secondPass = Dialect.BeginDerivationAsync(second, Ct);
        await WaitUntilWaitingForLockAsync(writer, second.ProcessID);
        Assert.False(secondPass.IsCompleted);
        await ScalarAsync(writer, null, "INSERT INTO participants (name, email) VALUES ('Late Writer', 'late@example.org') RETURNING id");
        await firstPass.CommitAsync(Ct);
        await using var turn = await secondPass;

        // Its snapshot is taken after the wait, not when it asked: a pass that read the world as it was before the
        // previous pass wrote would write over that pass's series from stale mail.
        Assert.Equal(1L, await ScalarAsync(second, turn, "SELECT COUNT(*) FROM participants WHERE email = 'late@example.org'"));
    }

    static async Task<NpgsqlConnection> OpenAsync(TestDatabase database)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    static async Task<object?> ScalarAsync(NpgsqlConnection connection, System.Data.Common.DbTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction?)transaction);
        return await command.ExecuteScalarAsync(Ct);
    }

    /// <summary>Until the server reports the backend waiting for a lock: a condition, not a guess at how long it takes.</summary>
    static async Task WaitUntilWaitingForLockAsync(NpgsqlConnection observer, int processId)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = @pid AND NOT granted)", observer);
        command.Parameters.AddWithValue("pid", processId);
        while (await command.ExecuteScalarAsync(Ct) is not true)
        {
            Ct.ThrowIfCancellationRequested();
        }
    }
}
