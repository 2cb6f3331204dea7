using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PatchReview.Data;

/// <summary>
/// Applies migrations. SQLite, the embedded default, is migrated on first use so a newcomer's first command works;
/// a PostgreSQL deployment runs <c>patchreview migrate</c> explicitly, and every host refuses to start on a stale schema.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<PatchReviewDb> dbFactory, DatabaseSettings settings)
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        // EF's connection is a migration's first, and unlike the others it cannot wait for the store in its handshake.
        await TrustStore.Loaded;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the web host read while the importer writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>Migrates SQLite when needed; for PostgreSQL, checks that no migration is pending.</summary>
    /// <exception cref="DatabaseConfigurationException">PostgreSQL has pending migrations.</exception>
    public async Task EnsureReadyAsync(CancellationToken ct)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var dataSource = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }
        }
        var pending = await GetPendingMigrationsAsync(ct);
        if (pending.Count == 0)
        {
            return;
        }
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            await MigrateAsync(ct);
            return;
        }
        throw new DatabaseConfigurationException(
            $"The PostgreSQL database named by {DatabaseSettings.ConnectionStringKey} has {pending.Count} pending migration(s) ({pending[^1]}); run \"patchreview migrate\" first.");
    }

    /// <summary>
    /// Migrations in the provider's assembly that the history table does not list. Read with one query rather than
    /// through EF, whose model and migration services take most of a second to build: a command-line import pays for
    /// this check on every run.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken ct)
    {
        var assembly = Assembly.Load(settings.Provider == DatabaseProvider.Postgres
            ? DataServiceCollectionExtensions.PostgresMigrationsAssembly
            : DataServiceCollectionExtensions.SqliteMigrationsAssembly);
        var known = assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

        await using DbConnection connection = settings.Provider == DatabaseProvider.Postgres
            ? PostgresConnections.Create(settings.ConnectionString)
            : new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = connection.CreateCommand();
        exists.CommandText = settings.Provider == DatabaseProvider.Postgres
            ? "SELECT to_regclass('\"__EFMigrationsHistory\"') IS NOT NULL"
            : "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory')";
        if (!Convert.ToBoolean(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture))
        {
            return known;
        }
        await using var history = connection.CreateCommand();
        history.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await history.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            applied.Add(reader.GetString(0));
        }
        return [.. known.Where(id => !applied.Contains(id))];
    }
}
