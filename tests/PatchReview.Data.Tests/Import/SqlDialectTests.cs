using Microsoft.Data.Sqlite;
using PatchReview.Data.Import;

namespace PatchReview.Data.Tests.Import;

public sealed class SqlDialectTests
{
    [Fact]
    public async Task A_begin_cancelled_on_SQLite_leaves_no_transaction_open_on_the_connection()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), $"patchreview-dialect-{Guid.NewGuid():N}.db");
        try
        {
            await using var writer = new SqliteConnection($"Data Source={path};Pooling=False");
            await writer.OpenAsync(ct);
            await Execute(writer, "CREATE TABLE imports (error TEXT)", ct);
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SqlDialect.For(DatabaseProvider.Sqlite).BeginExclusiveAsync(writer, cancelled.Token));

            // What the importer does next, record why it stopped, must be committed, not held in a transaction left open.
            await Execute(writer, "INSERT INTO imports (error) VALUES ('cancelled')", ct);
            await using var reader = new SqliteConnection($"Data Source={path};Pooling=False");
            await reader.OpenAsync(ct);
            await using var count = reader.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM imports";
            Assert.Equal(1L, await count.ExecuteScalarAsync(ct));
        }
        finally
        {
            File.Delete(path);
        }
    }

    static async Task Execute(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
