using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using PatchReview.Core.Mail;
using PatchReview.Data.Import;
using PatchReview.Testing;

namespace PatchReview.Data.Tests.Import;

/// <summary>
/// The statements the importer runs for every batch, as PostgreSQL plans them once it keeps one plan for all the
/// batches to come: made while the tables are small and have no statistics yet, as in any database an import has just
/// begun to fill, the plan must still find its rows through indexes, or each batch reads whole tables that the import
/// keeps growing.
/// </summary>
public sealed class ThreadingQueryPlanTests : IAsyncLifetime
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly SqlDialect Dialect = SqlDialect.For(DatabaseProvider.Postgres);

    TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);
        // Statistics come from ANALYZE, which autovacuum runs a minute or so into an import: the first plans are made
        // without them, and with them a table as small as this one is rightly read whole.
        await ExecuteAsync("ALTER TABLE messages SET (autovacuum_enabled = off); ALTER TABLE message_references SET (autovacuum_enabled = off)");
        await _database.Get<MailboxImporter>().ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, Ct), null, Ct);
        Assert.Equal(0L, await ExecuteAsync("SELECT COUNT(*) FROM pg_stats WHERE tablename IN ('messages', 'message_references')"));
    }

    async Task<object?> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Loading_the_threads_a_batch_touches_reads_no_whole_table()
    {
        var plan = await GenericPlanAsync(command =>
            ImportStore.ThreadMembersQuery(Dialect, command, ["a@example.org"], ["b@example.org"], referencesOnly: false, loaded: []));

        Assert.DoesNotContain("Seq Scan", plan);
        Assert.Contains("Index Scan using \"PK_messages\"", plan);
        Assert.Contains("Index Scan using \"PK_message_references\"", plan);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Loading_the_threads_that_name_a_ghost_reads_no_whole_table(bool someLoadedAlready)
    {
        long[] loaded = someLoadedAlready ? [1, 2] : [];
        var plan = await GenericPlanAsync(command =>
            ImportStore.ThreadMembersQuery(Dialect, command, ["ghost@example.org"], ["ghost@example.org"], referencesOnly: true, loaded));

        Assert.DoesNotContain("Seq Scan", plan);
        Assert.Contains("Index Scan using \"PK_messages\"", plan);
    }

    /// <summary>
    /// The plan PostgreSQL keeps for a statement: prepared with its parameters as <c>$1</c>, <c>$2</c>…, planned for no
    /// particular values (PostgreSQL 15 has no <c>EXPLAIN (GENERIC_PLAN)</c>), and explained.
    /// </summary>
    async Task<string> GenericPlanAsync(Func<DbCommand, string> build)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var built = connection.CreateCommand();
        var sql = build(built);
        var parameters = built.Parameters.Cast<NpgsqlParameter>().ToList();
        // Highest first, so that @p1 does not take the front of @p10.
        for (var i = parameters.Count - 1; i >= 0; i--)
        {
            sql = sql.Replace("@" + parameters[i].ParameterName, "$" + (i + 1), StringComparison.Ordinal);
        }
        var types = string.Join(", ", parameters.Select(p => p.NpgsqlDbType switch
        {
            NpgsqlDbType.Array | NpgsqlDbType.Bigint => "bigint[]",
            NpgsqlDbType.Array | NpgsqlDbType.Text => "text[]",
            var other => throw new NotSupportedException($"No SQL type for {other}."),
        }));

        await using var command = connection.CreateCommand();
        command.CommandText = $"SET plan_cache_mode = force_generic_plan; PREPARE statement ({types}) AS {sql}";
        await command.ExecuteNonQueryAsync(Ct);
        // A generic plan is the same whatever the values.
        command.CommandText = "EXPLAIN EXECUTE statement(" + string.Join(", ", parameters.Select(_ => "NULL")) + ")";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join('\n', lines);
    }
}
