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
}
