using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PatchReview.Data.Import;
using PatchReview.Data.Queries;

namespace PatchReview.Data;

public static class DataServiceCollectionExtensions
{
    public const string PostgresMigrationsAssembly = "PatchReview.Migrations.Postgres";
    public const string SqliteMigrationsAssembly = "PatchReview.Migrations.Sqlite";

    /// <summary>
    /// Registers the database chosen by <c>Database:Provider</c> (SQLite when unset) with that provider's migrations,
    /// the query classes and the importer. Throws <see cref="DatabaseConfigurationException"/> for bad settings.
    /// </summary>
    public static IServiceCollection AddPatchReviewData(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.FromConfiguration(configuration);
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<PatchReviewDb>(options => Configure(options, settings));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<MessageQueries>();
        services.AddSingleton<ThreadQueries>();
        services.AddSingleton<ImportQueries>();
        services.AddSingleton<SeriesQueries>();
        services.AddSingleton<PatchQueries>();
        services.AddSingleton<ReviewQueries>();
        services.AddSingleton<Accounts.MaintainerAccounts>();
        services.AddSingleton<MailboxImporter>();
        return services;
    }

    /// <summary>The one place that turns settings into EF options; tests and design-time factories use it too.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        // A list in a query (ids.Contains(m.Id)) goes as one array parameter: ANY(@ids), json_each(@ids). EF's default
        // of one parameter per element fails past PostgreSQL's 65,535 parameters, and Microsoft.Data.Sqlite binds
        // parameters by name in a list: a series update over 20,000 messages spent 8 s binding its id lists.
        switch (settings.Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(settings.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
            default:
                options.UseSqlite(settings.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
        }
        // One process may talk to both providers (tests do); each needs its own model.
        options.ReplaceService<IModelCacheKeyFactory, ProviderModelCacheKeyFactory>();
        return options;
    }

    sealed class ProviderModelCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => (context.GetType(), context.Database.ProviderName, designTime);
    }
}
