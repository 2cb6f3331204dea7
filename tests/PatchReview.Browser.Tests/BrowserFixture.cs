using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using PatchReview.Core.Mail;
using PatchReview.Data.Import;
using PatchReview.Testing;

namespace PatchReview.Browser.Tests;

/// <summary>
/// The web host on a real port over a database holding the zPCI series, and a headless Chromium to read it with:
/// Debian's build at <c>/usr/bin/chromium</c>, or the executable named by <c>PATCHREVIEW_CHROMIUM</c>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "PATCHREVIEW_CHROMIUM";
    const string DefaultChromium = "/usr/bin/chromium";

    readonly PostgresTestDatabase _database = new();
    WebFactory? _factory;
    IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The database under the host, for tests that need an account or a token.</summary>
    public TestDatabase Database => _database;

    /// <summary>Where the host listens, such as <c>http://127.0.0.1:42337</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"No Chromium at {chromium}: run scripts/test.sh, which installs it, or `apt-get install chromium`, or set {ChromiumVariable} to a Chromium executable.");
        }

        await _database.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        await _database.Get<MailboxImporter>().ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, ct), null, ct);
        _factory = new WebFactory(_database);
        _factory.StartServer();
        using (var client = _factory.CreateClient())
        {
            BaseAddress = client.BaseAddress!;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
    }

    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync(new() { BaseURL = BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(path);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await _database.DisposeAsync();
    }

    sealed class WebFactory : WebApplicationFactory<Program>
    {
        readonly TestDatabase _database;

        public WebFactory(TestDatabase database)
        {
            _database = database;
            UseKestrel(0);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in _database.Settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }
    }
}
