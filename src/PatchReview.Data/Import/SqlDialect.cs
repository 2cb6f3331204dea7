using System.Data;
using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace PatchReview.Data.Import;

/// <summary>
/// Where the import path's hand-written SQL differs between the providers: id lists (PostgreSQL array parameters,
/// SQLite one JSON parameter read through <c>json_each</c>), list columns (arrays, JSON arrays), times (timestamptz,
/// UTC ticks as EF stores them on SQLite), the lock that lets one writer in at a time, and the one that lets one
/// derivation pass in.
/// </summary>
abstract class SqlDialect
{
    public static SqlDialect For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;

    static readonly SqlDialect Postgres = new PostgresDialect();
    static readonly SqlDialect Sqlite = new SqliteDialect();

    /// <summary>The condition "<paramref name="column"/> is one of <paramref name="values"/>"; adds its parameter to the command.</summary>
    public abstract string In(DbCommand command, string column, IReadOnlyCollection<string> values);

    /// <inheritdoc cref="In(DbCommand, string, IReadOnlyCollection{string})"/>
    public abstract string In(DbCommand command, string column, IReadOnlyCollection<long> values);

    public abstract string[] ReadTexts(DbDataReader reader, int ordinal);

    /// <summary>
    /// The <paramref name="column"/> of the rows <paramref name="source"/> (a FROM clause and its WHERE) selects, in
    /// <paramref name="orderBy"/> order, as one list value for <see cref="ReadTexts"/>.
    /// </summary>
    public abstract string ListOf(string column, string source, string orderBy);

    /// <summary>The condition "<paramref name="column"/> is one of the values <paramref name="query"/> selects".</summary>
    public virtual string InQuery(string column, string query) => $"{column} IN ({query})";

    public abstract long[] ReadLongs(DbDataReader reader, int ordinal);

    public abstract DateTimeOffset? ReadDate(DbDataReader reader, int ordinal);

    /// <summary>A value as the provider stores it, for a type it has no column type for.</summary>
    public virtual object? ToDbValue(object? value) => value;

    /// <summary>Adds a parameter with the next free name and returns that name, for use in the command's text.</summary>
    public string Parameter(DbCommand command, object? value)
    {
        var name = "@p" + command.Parameters.Count;
        AddParameter(command, name, value);
        return name;
    }

    public void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = ToDbValue(value) ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Begins a transaction that holds the writers' lock: importers take turns batch by batch, on one machine or
    /// several.
    /// </summary>
    public abstract Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken ct);

    /// <summary>
    /// Begins the transaction of a pass that derives series or reviews from stored mail. Passes take turns among
    /// themselves; on PostgreSQL importers go on writing meanwhile, SQLite lets one writer in at a time.
    /// </summary>
    public abstract Task<DbTransaction> BeginDerivationAsync(DbConnection connection, CancellationToken ct);

    /// <summary>
    /// Makes a writer's transaction wait for a running derivation pass, and the next pass wait for it to commit:
    /// for a write that removes rows a pass derives.
    /// </summary>
    public abstract Task ExcludeDerivationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct);

    sealed class PostgresDialect : SqlDialect
    {
        /// <summary>The advisory lock every importer's batch takes for its transaction.</summary>
        const long WriterLock = 0x5061_7463_6852_6576; // "PatchRev"

        public override string In(DbCommand command, string column, IReadOnlyCollection<string> values) =>
            ArrayIn(command, column, new NpgsqlParameter<string[]>("", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. values] });

        public override string In(DbCommand command, string column, IReadOnlyCollection<long> values) =>
            ArrayIn(command, column, new NpgsqlParameter<long[]>("", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. values] });

        static string ArrayIn(DbCommand command, string column, NpgsqlParameter parameter)
        {
            parameter.ParameterName = "p" + command.Parameters.Count;
            command.Parameters.Add(parameter);
            return $"{column} = ANY(@{parameter.ParameterName})";
        }

        public override string[] ReadTexts(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<string[]>(ordinal);

        public override string ListOf(string column, string source, string orderBy) => $"ARRAY(SELECT {column} FROM {source} ORDER BY {orderBy})";

        // The values as an array, computed once, not a semi-join that a plan made without statistics may hash over
        // the whole table.
        public override string InQuery(string column, string query) => $"{column} = ANY(ARRAY({query}))";

        public override long[] ReadLongs(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<long[]>(ordinal);

        public override DateTimeOffset? ReadDate(DbDataReader reader, int ordinal) =>
            reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

        /// <summary>
        /// Derivation reads one snapshot of the mail, so batches that commit meanwhile cannot leave it half-seen;
        /// their threads are derived by the next pass. The table lock, which concurrent reads do not wait for, makes
        /// passes take turns. It comes before the first query because that is where a repeatable-read snapshot is
        /// taken (a repeatable-read transaction's "view of data will be frozen when its first SELECT or data
        /// modification statement begins", PostgreSQL 15 reference, LOCK): a pass that waited for another's lock
        /// then sees what the other wrote.
        /// </summary>
        public override async Task<DbTransaction> BeginDerivationAsync(DbConnection connection, CancellationToken ct)
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            try
            {
                await ExcludeDerivationsAsync(connection, transaction, ct);
                return transaction;
            }
            catch
            {
                await transaction.DisposeAsync();
                throw;
            }
        }

        public override async Task ExcludeDerivationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
        {
            // No timeout: a pass may hold the lock for as long as its series take.
            await using var command = new NpgsqlCommand("LOCK TABLE series IN SHARE ROW EXCLUSIVE MODE", (NpgsqlConnection)connection,
                (NpgsqlTransaction)transaction) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(ct);
        }

        public override async Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken ct)
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            try
            {
                // No timeout: another importer may hold the lock for as long as its batch takes.
                await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction)
                {
                    CommandTimeout = 0,
                };
                command.Parameters.AddWithValue("lock", WriterLock);
                await command.ExecuteNonQueryAsync(ct);
                return transaction;
            }
            catch
            {
                await transaction.DisposeAsync();
                throw;
            }
        }
    }

    sealed class SqliteDialect : SqlDialect
    {
        public override string In(DbCommand command, string column, IReadOnlyCollection<string> values) => JsonIn(command, column, values);

        public override string In(DbCommand command, string column, IReadOnlyCollection<long> values) => JsonIn(command, column, values);

        static string JsonIn<T>(DbCommand command, string column, IReadOnlyCollection<T> values)
        {
            var name = "@p" + command.Parameters.Count;
            ((SqliteCommand)command).Parameters.AddWithValue(name, JsonSerializer.Serialize(values));
            return $"{column} IN (SELECT value FROM json_each({name}))";
        }

        public override string[] ReadTexts(DbDataReader reader, int ordinal) =>
            reader.IsDBNull(ordinal) ? [] : JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal)) ?? [];

        // An aggregate's own ORDER BY: SQLite 3.44 and later.
        public override string ListOf(string column, string source, string orderBy) => $"(SELECT json_group_array({column} ORDER BY {orderBy}) FROM {source})";

        public override long[] ReadLongs(DbDataReader reader, int ordinal) =>
            reader.IsDBNull(ordinal) ? [] : JsonSerializer.Deserialize<long[]>(reader.GetString(ordinal)) ?? [];

        public override DateTimeOffset? ReadDate(DbDataReader reader, int ordinal) =>
            reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

        /// <summary>As EF stores values on SQLite: times as UTC ticks, lists as JSON arrays.</summary>
        public override object? ToDbValue(object? value) => value switch
        {
            DateTimeOffset date => date.UtcTicks,
            string[] or long[] or List<int> or List<long> or List<string> => JsonSerializer.Serialize(value),
            _ => value,
        };

        /// <summary>A derivation pass is one more writer.</summary>
        public override Task<DbTransaction> BeginDerivationAsync(DbConnection connection, CancellationToken ct) => BeginExclusiveAsync(connection, ct);

        /// <summary>Every writer excludes the others already.</summary>
        public override Task ExcludeDerivationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct) => Task.CompletedTask;

        public override async Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken ct)
        {
            // BEGIN IMMEDIATE: take the write lock now rather than on the first write.
            var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
            try
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                // Ghost rows and their children arrive in one batch in any order; check references at commit.
                command.CommandText = "PRAGMA defer_foreign_keys = ON";
                await command.ExecuteNonQueryAsync(ct);
                return transaction;
            }
            catch
            {
                // Cancelled while waiting for the lock, say: a transaction left open would swallow the connection's
                // later commands, among them the one that records why the import stopped, and never commit them.
                await transaction.DisposeAsync();
                throw;
            }
        }
    }
}
