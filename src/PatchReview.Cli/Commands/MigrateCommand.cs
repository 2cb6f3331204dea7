using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using PatchReview.Data;

namespace PatchReview.Cli.Commands;

/// <summary><c>patchreview migrate</c>: applies every pending migration of the configured database.</summary>
sealed class MigrateCommand(CliHost host)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        try
        {
            await using var services = host.CreateServices();
            var settings = services.GetRequiredService<DatabaseSettings>();
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            Console.WriteLine($"The {settings.Provider} database is up to date.");
            return 0;
        }
        catch (DatabaseConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (DbException ex)
        {
            await Console.Error.WriteLineAsync($"Cannot migrate the database: {ex.Message}");
            return 1;
        }
    }
}
