using System.Data.Common;

namespace PatchReview.Data.Import;

/// <summary>
/// Plain SQL on one of the importer's connections, for the passes that derive series and reviews from what an import
/// stored. They run at the end of every import, and through EF a fresh process spent more on compiling their queries
/// than on the work: 0.5 s of a 0.8 s series update after importing the 2022q2 archive.
/// </summary>
sealed class SqlSession(DbConnection connection, SqlDialect dialect)
{
    public DbConnection Connection => connection;

    public SqlDialect Dialect => dialect;

    /// <summary>The transaction every command runs in, once <see cref="BeginDerivationAsync"/> began it.</summary>
    public DbTransaction? Transaction { get; private set; }

    /// <summary>Begins the transaction of a pass: see <see cref="SqlDialect.BeginDerivationAsync"/>.</summary>
    public async Task<DbTransaction> BeginDerivationAsync(CancellationToken ct) => Transaction = await dialect.BeginDerivationAsync(connection, ct);

    public DbCommand Command()
    {
        var command = connection.CreateCommand();
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>The rows of a query; <paramref name="sql"/> writes its text, adding the parameters it names to the command.</summary>
    public async Task<List<T>> ListAsync<T>(Func<DbCommand, string> sql, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var command = Command();
        command.CommandText = sql(command);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    /// <summary>The first column of a query's rows, as ids.</summary>
    public Task<List<long>> IdsAsync(Func<DbCommand, string> sql, CancellationToken ct) => ListAsync(sql, r => r.GetInt64(0), ct);

    public async Task ExecuteAsync(Func<DbCommand, string> sql, CancellationToken ct)
    {
        await using var command = Command();
        command.CommandText = sql(command);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <inheritdoc cref="SqlDialect.In(DbCommand, string, IReadOnlyCollection{long})"/>
    public string In(DbCommand command, string column, IReadOnlyCollection<long> values) => dialect.In(command, column, values);

    /// <inheritdoc cref="SqlDialect.In(DbCommand, string, IReadOnlyCollection{string})"/>
    public string In(DbCommand command, string column, IReadOnlyCollection<string> values) => dialect.In(command, column, values);

    /// <inheritdoc cref="SqlDialect.Parameter"/>
    public string Parameter(DbCommand command, object? value) => dialect.Parameter(command, value);
}
