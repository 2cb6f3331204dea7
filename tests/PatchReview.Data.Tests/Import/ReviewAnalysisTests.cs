using Microsoft.EntityFrameworkCore;
using PatchReview.Core.Mail;
using PatchReview.Data.Import;
using PatchReview.Data.Queries;
using PatchReview.Testing;

namespace PatchReview.Data.Tests.Import;

/// <summary>
/// Who said what, comments and decisions are derived by the import that brings the mail, for the threads and
/// series it touched, and stored: a reply that arrives later is analysed then, and mends what it changes.
/// </summary>
public abstract class ReviewAnalysisTests(DatabaseProvider provider)
{
    const string Seed = "1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com";
    const string V6Patch16 = "20220426200842.98655-17-mjrosato@linux.ibm.com";
    const string Decision = "Use CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Task<ImportSummary> ImportAsync(TestDatabase database, IEnumerable<MailEnvelope> envelopes) =>
        database.Get<MailboxImporter>().ImportAsync("test.mbox", MailFixtures.Stream(envelopes), null, Ct);

    [Fact]
    public async Task The_seed_reply_arriving_in_a_later_import_is_analysed_then_and_completes_the_decision()
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var envelopes = await MailFixtures.ReadAllAsync(Corpus.ZpciSeries);
        var isSeed = envelopes.ToLookup(e => MessageParser.Parse(e).Message?.MessageId == Seed);
        var queries = database.Get<ReviewQueries>();

        await ImportAsync(database, isSeed[false]);
        var series = (await database.Get<SeriesQueries>().ListSeriesAsync(new SeriesFilter("zpci for interpretive", null, null), new PageRequest(1, 5), Ct)).Items.Single();
        Assert.Null(await queries.GetQuotesAsync(Seed, Ct));
        Assert.DoesNotContain((await queries.GetCommentsAsync(V6Patch16, Ct))!, c => c.MessageId == Seed);
        Assert.DoesNotContain((await queries.GetSeriesDecisionsAsync(series.Id, Ct))!, d => d.Steps.Any(s => s.MessageId == Seed));

        await ImportAsync(database, isSeed[true]);

        var quoted = (await queries.GetQuotesAsync(Seed, Ct))!.Blocks.Where(b => b.Kind == "quoted").Select(b => (b.Depth, b.Author?.Name)).ToList();
        Assert.Equal([(4, "Matthew Rosato"), (3, "Jason Gunthorpe"), (2, "Matthew Rosato"), (1, "Jason Gunthorpe"), (1, "Jason Gunthorpe")], quoted);
        Assert.Contains((await queries.GetCommentsAsync(V6Patch16, Ct))!, c => c.MessageId == Seed && c.Line == 159);
        var decision = Assert.Single((await queries.GetSeriesDecisionsAsync(series.Id, Ct))!, d => d.Title == Decision);
        Assert.Equal(Seed, decision.Steps.Single(s => s.Role == "proposal").MessageId);
        await using var db = await database.CreateDbAsync();
        Assert.Equal(await db.Series.CountAsync(Ct), await db.SeriesReviews.CountAsync(Ct));
    }

    [Fact]
    public async Task A_discussion_outside_any_series_says_who_said_what_once_the_quoted_mail_arrives()
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var question = MailFixtures.Message("question@example.org", "s390: why does the boot loop hang?", from: "Ann Author <ann@example.org>",
            date: "Tue, 26 Apr 2022 10:00:00 +0000", body: "The loader hangs after the second IPL on z15.\nAny idea where to look?\n");
        var answer = MailFixtures.Message("answer@example.org", "Re: s390: why does the boot loop hang?", from: "Bob Reviewer <bob@example.org>",
            date: "Tue, 26 Apr 2022 11:00:00 +0000", inReplyTo: "question@example.org", references: "<question@example.org>",
            body: "On 4/26/22 10:00 AM, Ann Author wrote:\n> The loader hangs after the second IPL on z15.\n\nCheck the IPL parameter block first.\n");
        var queries = database.Get<ReviewQueries>();

        await ImportAsync(database, [MailFixtures.Envelope(answer)]);
        var missing = Assert.Single((await queries.GetQuotesAsync("answer@example.org", Ct))!.Blocks, b => b.Kind == "quoted");
        Assert.Equal(((string?)null, "not-in-archive"), (missing.SourceMessageId, missing.Problem));

        await ImportAsync(database, [MailFixtures.Envelope(question)]);

        var blocks = (await queries.GetQuotesAsync("answer@example.org", Ct))!.Blocks;
        Assert.Equal(["attribution", "quoted", "new"], blocks.Select(b => b.Kind));
        var found = blocks.Single(b => b.Kind == "quoted");
        Assert.Equal(("question@example.org", "Ann Author", (string?)null), (found.SourceMessageId, found.Author?.Name, found.Problem));
        Assert.Equal(("answer@example.org", "Bob Reviewer"), (blocks[2].SourceMessageId, blocks[2].Author?.Name));
        var thread = await database.Get<ThreadQueries>().GetThreadBodiesAsync("question@example.org", Ct);
        Assert.Null(thread["question@example.org"].Quotes);
        Assert.Equal("question@example.org", thread["answer@example.org"].Quotes!.Blocks.Single(b => b.Kind == "quoted").SourceMessageId);
    }
}

public sealed class PostgresReviewAnalysisTests() : ReviewAnalysisTests(DatabaseProvider.Postgres);

public sealed class SqliteReviewAnalysisTests() : ReviewAnalysisTests(DatabaseProvider.Sqlite);
