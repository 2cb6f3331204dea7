using PatchReview.Core.Mail;
using PatchReview.Data.Import;
using PatchReview.Data.Queries;
using PatchReview.Testing;

namespace PatchReview.Data.Tests.Queries;

/// <summary>Who said what, comments on lines and questions, read from the zPCI archive as stored.</summary>
public abstract class ReviewQueriesTests(DatabaseProvider provider)
{
    const string Seed = "1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com";
    const string JasonFirst = "20220427140410.GX2125828@nvidia.com";
    const string JasonSecond = "20220427150138.GA2512703@nvidia.com";
    const string V6Patch16 = "20220426200842.98655-17-mjrosato@linux.ibm.com";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<TestDatabase> ZpciAsync(DatabaseProvider provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        await database.Get<MailboxImporter>().ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, Ct), null, Ct);
        return database;
    }

    [Fact]
    public async Task Seed_reply_blocks_name_the_message_and_author_of_each_quote_level()
    {
        await using var database = await ZpciAsync(provider);
        var queries = database.Get<ReviewQueries>();

        var quotes = (await queries.GetQuotesAsync(Seed, Ct))!;

        var quoted = quotes.Blocks.Where(b => b.Kind == "quoted").Select(b => (b.Depth, b.SourceMessageId, b.Author?.Name)).ToList();
        Assert.Equal(
        [
            (4, V6Patch16, "Matthew Rosato"),
            (3, JasonFirst, "Jason Gunthorpe"),
            (2, "f6c78792-9cf7-0cde-f760-76166f9b7eb7@linux.ibm.com", "Matthew Rosato"),
            (1, JasonSecond, "Jason Gunthorpe"),
            (1, JasonSecond, "Jason Gunthorpe"),
        ], quoted);
        var own = Assert.Single(quotes.Blocks, b => b.Kind == "new" && b.Text.Contains("CONFIG_VFIO_PCI_ZDEV_KVM", StringComparison.Ordinal));
        Assert.Equal((Seed, "Matthew Rosato"), (own.SourceMessageId, own.Author!.Name));
        Assert.Null(await queries.GetQuotesAsync("no-such-message@example.org", Ct));
    }

    [Fact]
    public async Task Jason_s_comment_on_16_21_sits_on_its_line_and_is_followed_to_v9()
    {
        await using var database = await ZpciAsync(provider);
        var queries = database.Get<ReviewQueries>();

        var comments = (await queries.GetCommentsAsync(V6Patch16, Ct))!;

        var question = Assert.Single(comments, c => c.MessageId == JasonFirst);
        Assert.Equal(("diff", "drivers/vfio/pci/vfio_pci_zdev.c", "new", 159), (question.Target, question.File, question.Side, question.Line));
        Assert.True(question.AnchoredByContent);
        // v7 17/22, v8 17/22 and v9 17/21 are its successors; none looks kvm_s390_pci_register_kvm up with symbol_get.
        Assert.Equal(
        [
            new LaterVersionStatus(7, "20220513191509.272897-18-mjrosato@linux.ibm.com", "anchor-removed"),
            new LaterVersionStatus(8, "20220524185907.140285-18-mjrosato@linux.ibm.com", "anchor-removed"),
            new LaterVersionStatus(9, "20220606203325.110625-18-mjrosato@linux.ibm.com", "anchor-removed"),
        ], question.LaterVersions);
        Assert.Contains(comments, c => c.MessageId == Seed && c.RepliesTo is not null && c.Line == 159);
        Assert.Null(await queries.GetCommentsAsync(Seed, Ct));
    }

    [Fact]
    public async Task Series_review_lists_jason_s_questions_on_v6_as_answered_and_counts_his_comments()
    {
        await using var database = await ZpciAsync(provider);
        var series = (await database.Get<SeriesQueries>().ListSeriesAsync(new SeriesFilter("zpci for interpretive", null, null), new PageRequest(1, 5), Ct)).Items.Single();

        var review = (await database.Get<ReviewQueries>().GetSeriesReviewAsync(series.Id, Ct))!;

        var onPatch16 = review.QuestionList.Where(q => q.PatchMessageId == V6Patch16 && q.Author.Name == "Jason Gunthorpe").ToList();
        Assert.Equal(5, onPatch16.Count);
        Assert.All(onPatch16, q => Assert.Equal(6, q.Version));
        Assert.All(onPatch16, q => Assert.NotNull(q.AnsweredBy));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], review.Questions.Select(q => q.Version));
        Assert.All(review.Questions, q => Assert.Equal(review.QuestionList.Count(x => x.Version == q.Version && x.AnsweredBy is null), q.Open));
        var jason = Assert.Single(review.Reviewers, r => r.Reviewer.Name == "Jason Gunthorpe");
        Assert.InRange(jason.Addressed, 1, jason.FollowedUp);
        Assert.DoesNotContain(review.Reviewers, r => r.Reviewer.Email == "mjrosato@linux.ibm.com");
    }

    [Fact]
    public async Task The_CONFIG_VFIO_PCI_ZDEV_KVM_decision_is_found_in_the_stored_series_and_keeps_its_id_across_a_reimport()
    {
        await using var database = await ZpciAsync(provider);
        var series = (await database.Get<SeriesQueries>().ListSeriesAsync(new SeriesFilter("zpci for interpretive", null, null), new PageRequest(1, 5), Ct)).Items.Single();
        var queries = database.Get<ReviewQueries>();

        var decisions = (await queries.GetSeriesDecisionsAsync(series.Id, Ct))!;

        var decision = Assert.Single(decisions, d => d.Title == "Use CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get");
        Assert.Equal(("implemented", 6, series.Id), (decision.Status, decision.RaisedIn, decision.SeriesId));
        Assert.Equal(["question", "question", "proposal", "agreement", "agreement", "changelog", "implementation", "implementation"], decision.Steps.Select(s => s.Role));
        Assert.Equal(["20220427140410.GX2125828@nvidia.com", "20220427150138.GA2512703@nvidia.com", Seed, "20220427153924.GZ2125828@nvidia.com",
            "8c48614a-4e93-a575-1a08-ead955ad2a91@linux.ibm.com", "20220513191509.272897-1-mjrosato@linux.ibm.com",
            "20220513191509.272897-11-mjrosato@linux.ibm.com", "20220513191509.272897-18-mjrosato@linux.ibm.com"], decision.Steps.Select(s => s.MessageId));
        // The seed reply links v3 14/30 "vfio/pci: re-introduce CONFIG_VFIO_PCI_ZDEV", the option v4 removed.
        Assert.Equal("20220204211536.321475-15-mjrosato@linux.ibm.com", decision.Revisits);
        var byId = (await queries.GetDecisionAsync(decision.Id, Ct))!;
        Assert.Equal((decision.Title, decision.Steps.Count), (byId.Title, byId.Steps.Count));

        await database.Get<MailboxImporter>().ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, Ct), null, Ct);
        Assert.Equal(decision.Id, (await queries.GetSeriesDecisionsAsync(series.Id, Ct))!.Single(d => d.Title == decision.Title).Id);
        Assert.Null(await queries.GetDecisionAsync("not-an-id", Ct));
    }

    [Fact]
    public async Task A_maintainer_s_verdict_and_title_are_kept_apart_and_outlive_a_reimport()
    {
        await using var database = await ZpciAsync(provider);
        var series = (await database.Get<SeriesQueries>().ListSeriesAsync(new SeriesFilter("zpci for interpretive", null, null), new PageRequest(1, 5), Ct)).Items.Single();
        var queries = database.Get<ReviewQueries>();
        var accounts = database.Get<PatchReview.Data.Accounts.MaintainerAccounts>();
        var maintainer = await accounts.AddAsync("borntraeger", "a long enough password", Ct);
        var decision = (await queries.GetSeriesDecisionsAsync(series.Id, Ct))!.Single(d => d.Title == "Use CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get");
        var stamp = await database.Get<ImportQueries>().GetArchiveStampAsync(Ct);

        await accounts.ReviewDecisionAsync(decision.Id, maintainer, confirmed: true,
            "Split vfio-pci-zdev's KVM part under CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get", Ct);
        await database.Get<MailboxImporter>().ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, Ct), null, Ct);

        var reviewed = (await queries.GetDecisionAsync(decision.Id, Ct))!;
        Assert.Equal(("confirmed", "Split vfio-pci-zdev's KVM part under CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get"), (reviewed.Review, reviewed.Title));
        // Pages cached on the archive's state are rebuilt after a review.
        Assert.NotEqual(stamp, await database.Get<ImportQueries>().GetArchiveStampAsync(Ct));

        await accounts.ReviewDecisionAsync(decision.Id, maintainer, confirmed: false, null, Ct);
        Assert.Equal(("rejected", reviewed.Title), ((await queries.GetDecisionAsync(decision.Id, Ct))!.Review, (await queries.GetDecisionAsync(decision.Id, Ct))!.Title));
    }
}

public sealed class PostgresReviewQueriesTests() : ReviewQueriesTests(DatabaseProvider.Postgres);

public sealed class SqliteReviewQueriesTests() : ReviewQueriesTests(DatabaseProvider.Sqlite);
