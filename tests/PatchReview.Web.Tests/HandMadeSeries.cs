using PatchReview.Core.Mail;
using PatchReview.Data;
using PatchReview.Data.Import;
using PatchReview.Testing;

namespace PatchReview.Web.Tests;

/// <summary>
/// A small series written for the tests, as <c>git format-patch</c> and <c>git send-email</c> would post it, in
/// <c>Fixtures/series/greet-v1-v2.mbox</c>; its patches apply to the files in <c>Fixtures/series/greet-preimage</c>.
/// v1 (two patches) gets a Reviewed-by on each patch and a Tested-by on the cover letter. v2 keeps patch 1 as it was
/// (its author added the Reviewed-by), reworks patch 2 (so v1's reviews of it are stale), and adds patch 3, written
/// by Zoë Dörr and sent by Ann Author with an in-body From. On v2, Otto Owner acks the cover letter, Rita Reviewer
/// reviews patch 3, and Sam Someone passes on a Reviewed-by in Rita's name under patch 2.
/// </summary>
public static class HandMadeSeries
{
    public const string Title = "greet: print a shared greeting";
    public const string V1Cover = "greet-v1-0@example.org";
    public const string V1Patch1 = "greet-v1-1@example.org";
    public const string V1Patch2 = "greet-v1-2@example.org";
    public const string V1Patch1Review = "rita-v1-1@example.org";
    public const string V1Patch2Review = "rita-v1-2@example.org";
    public const string V1CoverTest = "tom-v1-0@example.org";
    public const string V2Cover = "greet-v2-0@example.org";
    public const string V2Patch1 = "greet-v2-1@example.org";
    /// <summary>An id with every character that must round-trip through a URL path.</summary>
    public const string V2Patch2 = "greet/v2+2$=&%@example.org";
    public const string V2Patch3 = "greet-v2-3@example.org";
    public const string V2CoverAck = "otto-v2-0@example.org";
    public const string V2Patch3Review = "rita-v2-3@example.org";
    public const string V2Patch2Relayed = "sam-v2-2@example.org";

    public static string Mbox => Path.Combine(Fixtures, "greet-v1-v2.mbox");

    /// <summary>The tree both versions apply to: README and src/hello.c.</summary>
    public static string PreImage => Path.Combine(Fixtures, "greet-preimage");

    // The test project copies no fixtures to its output, so they are read where they are kept.
    static string Fixtures => Path.Combine(Corpus.RepositoryRoot, "tests", "PatchReview.Web.Tests", "Fixtures", "series");
}

/// <summary>A database holding only <see cref="HandMadeSeries"/>, imported through the importer, and the host over it.</summary>
public sealed class HandMadeSeriesArchive : IAsyncLifetime
{
    /// <summary>On PostgreSQL, as a class fixture.</summary>
    public HandMadeSeriesArchive() : this(new PostgresTestDatabase())
    {
    }

    HandMadeSeriesArchive(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public WebFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A started archive on the given database; the caller disposes it.</summary>
    public static async Task<HandMadeSeriesArchive> StartAsync(DatabaseProvider provider)
    {
        var archive = new HandMadeSeriesArchive(provider == DatabaseProvider.Postgres ? new PostgresTestDatabase() : new SqliteTestDatabase());
        await archive.InitializeAsync();
        return archive;
    }

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        await Database.Get<MailboxImporter>().ImportAsync(HandMadeSeries.Mbox, MailReader.ReadAsync(HandMadeSeries.Mbox, ct), null, ct);
        Factory = new WebFactory(Database);
        Factory.StartServer();
        Client = Factory.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }
        await Database.DisposeAsync();
    }
}
