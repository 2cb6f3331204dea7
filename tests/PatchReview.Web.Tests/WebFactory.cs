using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PatchReview.Testing;

namespace PatchReview.Web.Tests;

/// <summary>The web host over one test database, on Kestrel: the real server decides how a request path is decoded.</summary>
public sealed class WebFactory : WebApplicationFactory<Program>
{
    readonly TestDatabase _database;
    readonly Action<IServiceCollection>? _services;
    readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="services">Replaces host services after Program has registered its own, such as the clock.</param>
    /// <param name="settings">Further configuration, such as Security:RequireSignIn.</param>
    public WebFactory(TestDatabase database, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _database = database;
        _services = services;
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting, not ConfigureAppConfiguration: Program reads the database settings before the host is built.
        foreach (var (key, value) in _database.Settings.Concat(_settings))
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }
}
