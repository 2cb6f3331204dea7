using PatchReview.Core.Mail;
using PatchReview.Data.Import;
using PatchReview.Data.Queries;
using PatchReview.Testing;

namespace PatchReview.Web.Tests;

/// <summary>
/// One database per test class holding the zPCI series and the hand-made mail of <see cref="HandMadeMail"/>,
/// both imported before the host answers its first request, and the host over it.
/// </summary>
public sealed class ArchiveFixture : IAsyncLifetime
{
    public PostgresTestDatabase Database { get; } = new();

    public WebFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client that shows redirects instead of following them.</summary>
    public HttpClient NoRedirects { get; private set; } = null!;

    public ImportSummary Zpci { get; private set; } = null!;

    public ImportSummary HandMade { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        var importer = Database.Get<MailboxImporter>();
        var ct = TestContext.Current.CancellationToken;
        Zpci = await importer.ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, ct), null, ct);
        HandMade = await importer.ImportAsync(HandMadeMail.Source, MailFixtures.Stream(HandMadeMail.Envelopes(), ct), null, ct);
        Factory = new WebFactory(Database);
        Factory.StartServer();
        Client = Factory.CreateClient();
        // CreateClient's AllowAutoRedirect = false is not honoured once the factory runs Kestrel.
        NoRedirects = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Client.BaseAddress };
    }

    public ThreadQueries Threads => Database.Get<ThreadQueries>();

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        NoRedirects?.Dispose();
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }
        await Database.DisposeAsync();
    }
}
