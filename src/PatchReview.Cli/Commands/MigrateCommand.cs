using Microsoft.Extensions.DependencyInjection;
using PatchReview.Data;

namespace PatchReview.Cli.Commands;

/// <summary><c>patchreview migrate</c>: applies every pending migration of the configured database.</summary>
sealed class MigrateCommand(CliHost host)
{
    public Task<int> RunAsync(CancellationToken ct) => host.RunAsync("Cannot migrate the database", async services =>
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        Console.WriteLine($"The {settings.Provider} database is up to date.");
        return 0;
    });
}
