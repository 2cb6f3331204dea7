using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatchReview.Data;

namespace PatchReview.Cli;

/// <summary>Reads the same settings as the web host (appsettings.json, environment, command line) and builds the data services.</summary>
sealed class CliHost(IConfiguration configuration)
{
    public IConfiguration Configuration { get; } = configuration;

    public static CliHost Build(IReadOnlyList<string> settingArgs)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. settingArgs])
            .Build();
        return new CliHost(configuration);
    }

    /// <summary>The data services; throws <see cref="DatabaseConfigurationException"/> for bad settings.</summary>
    public ServiceProvider CreateServices() => new ServiceCollection().AddPatchReviewData(Configuration).BuildServiceProvider();

    /// <summary>
    /// Runs a command on the data services, turning the failures every command shares into one sentence on standard
    /// error and an exit code: 2 for bad settings, 1 for a database that fails (<paramref name="failure"/> says what
    /// could not be done).
    /// </summary>
    public async Task<int> RunAsync(string failure, Func<ServiceProvider, Task<int>> command)
    {
        try
        {
            await using var services = CreateServices();
            TrustStore.LoadInBackground(services.GetRequiredService<DatabaseSettings>());
            return await command(services);
        }
        catch (DatabaseConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (DbException ex)
        {
            await Console.Error.WriteLineAsync($"{failure}: {ex.Message}");
            return 1;
        }
    }
}
