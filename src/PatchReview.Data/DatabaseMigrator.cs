using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PatchReview.Data;

/// <summary>
/// Applies migrations. SQLite, the embedded default, is migrated on first use so a newcomer's first command works;
/// a PostgreSQL deployment runs <c>patchreview migrate</c> explicitly, and every host refuses to start on a stale schema.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<PatchReviewDb> dbFactory, DatabaseSettings settings)
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the web host read while the importer writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>Migrates SQLite; for PostgreSQL, checks that no migration is pending.</summary>
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
            await MigrateAsync(ct);
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new DatabaseConfigurationException(
                $"The PostgreSQL database named by {DatabaseSettings.ConnectionStringKey} has {pending.Count} pending migration(s) ({pending[^1]}); run \"patchreview migrate\" first.");
        }
    }
}
