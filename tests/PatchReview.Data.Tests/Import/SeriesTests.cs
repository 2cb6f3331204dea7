using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PatchReview.Core.Mail;
using PatchReview.Data.Import;
using PatchReview.Data.Queries;
using PatchReview.Testing;

namespace PatchReview.Data.Tests.Import;

/// <summary>
/// Series derived at import time from the zPCI archive, checked against the mail: nine versions, each a separate
/// thread, linked into one series; the [GIT PULL nn/42] mails are the applied v9 patches, not a tenth version.
/// </summary>
public abstract class SeriesTests(DatabaseProvider provider)
{
    const string Title = "KVM: s390: enable zPCI for interpretive execution";
    const string V7Cover = "20220513191509.272897-1-mjrosato@linux.ibm.com";
    const string V9Prefix = "20220606203325.110625-";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static async Task<SeriesDetail> ZpciSeriesAsync(TestDatabase database)
    {
        var queries = database.Get<SeriesQueries>();
        var page = await queries.ListSeriesAsync(new SeriesFilter("zpci for interpretive", null, null), new PageRequest(1, 50), Ct);
        var summary = Assert.Single(page.Items);
        return (await queries.GetSeriesAsync(summary.Id, Ct))!;
    }

    [Fact]
    public async Task Zpci_archive_is_one_series_of_nine_complete_versions_applied_by_a_pull_request()
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await database.Get<MailboxImporter>().ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, Ct), null, Ct);

        var series = await ZpciSeriesAsync(database);

        Assert.Equal(Title, series.Title);
        Assert.Equal(new Person("Matthew Rosato", "mjrosato@linux.ibm.com"), series.Submitter);
        Assert.Equal("applied", series.State);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], series.Versions.Select(v => v.Version));
        Assert.Equal([32, 30, 30, 32, 21, 21, 22, 22, 21], series.Versions.Select(v => v.PatchCount));
        Assert.All(series.Versions, v => Assert.True(v.IsComplete));
        Assert.All(series.Versions, v => Assert.Equal(v.PatchCount, v.DeclaredTotal));
        Assert.Equal([null, 1, 2, 3, 4, 5, 6, 7, 8], series.Versions.Select(v => v.Link?.PreviousVersion));
        // Only v4's cover links its predecessor: "v3: https://lore.kernel.org/kvm/20220204211536.321475-1-mjrosato@linux.ibm.com/".
        Assert.Equal([4], series.Versions.Where(v => v.Link?.Signals.Contains("lore-link") == true).Select(v => v.Version));
        Assert.All(series.Versions.Skip(1), v => Assert.Contains("subject", v.Link!.Signals));
        Assert.Equal(V7Cover, series.Versions[6].CoverMessageId);

        // 18 of the 20 [GIT PULL nn/42] mails carry v9 patches 1-13 and 15-19 with a Link: to them.
        var pull = Assert.Single(series.PullRequests);
        Assert.Equal("20220721161302.156182-1-imbrenda@linux.ibm.com", pull.MessageId);
        Assert.Equal([.. Enumerable.Range(1, 13), .. Enumerable.Range(15, 5)], pull.AppliedPatches.Select(p => p.Index));
        Assert.All(pull.AppliedPatches, p => Assert.Equal((9, $"{V9Prefix}{p.Index + 1}-mjrosato@linux.ibm.com"), (p.Version, p.MessageId)));
    }

    [Fact]
    public async Task V7_changelog_and_trailers_are_read_from_the_mail()
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await database.Get<MailboxImporter>().ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, Ct), null, Ct);
        var series = await ZpciSeriesAsync(database);

        var v7 = (await database.Get<SeriesQueries>().GetVersionAsync(series.Id, 7, Ct))!;

        // "Changelog v6->v7:" in the v7 cover letter lists eleven items.
        Assert.Equal(11, v7.Changelog.Count);
        Assert.Equal("Add some more R-b tags", v7.Changelog[0].Text);
        Assert.StartsWith("After discussions with Jason, let's go back to using a Kconfig option to control vfio-pci-zdev inclusion so we can avoid some symbol_get messiness.",
            v7.Changelog[4].Text);
        Assert.Equal("uapi KVM_CAP_S390_ZPCI_OP moved to 216 (previously 214)", v7.Changelog[10].Text);
        Assert.Equal(["Christian Borntraeger"], v7.Changelog[2].Credited.Select(p => p.Name));

        Assert.Equal(22, v7.Patches.Count);
        Assert.Equal("vfio/pci: introduce CONFIG_VFIO_PCI_ZDEV_KVM", v7.Patches[9].Title);
        // v7 10/22 brings back the Kconfig option that v3 14/30 "vfio/pci: re-introduce CONFIG_VFIO_PCI_ZDEV" had and
        // v4 dropped: the most similar diff in any earlier version, so the matrix shows it absent in v4 to v6.
        Assert.Equal(new PreviousPatch(3, "20220204211536.321475-15-mjrosato@linux.ibm.com", "modified"), v7.Patches[9].Previous);
        // v6 16/21 "vfio-pci/zdev: add open/close device hooks" is v7 17/22, reworked.
        Assert.Equal(new PreviousPatch(6, "20220426200842.98655-17-mjrosato@linux.ibm.com", "modified"), v7.Patches[16].Previous);

        // v7 06/22 carries its own reviews and gets one more from Thomas Huth in reply.
        var airq = v7.Patches[5];
        Assert.Equal(
        [
            ("Reviewed-by", "pmorel@linux.ibm.com", "patch"), ("Reviewed-by", "imbrenda@linux.ibm.com", "patch"),
            ("Acked-by", "cohuck@redhat.com", "patch"), ("Signed-off-by", "mjrosato@linux.ibm.com", "patch"),
            ("Reviewed-by", "thuth@redhat.com", "reply"),
        ], airq.Trailers.Where(t => t.Origin != "carried").Select(t => (t.Type, t.Email, t.Origin)));
        var huth = airq.Trailers.Single(t => t.Origin == "reply");
        Assert.Equal(("96d0a6a5-e50f-429e-9616-178ac1d9883a@redhat.com", 7, true, false), (huth.SourceMessageId, huth.FromVersion, huth.SenderMatches, huth.Stale));
    }

    [Fact]
    public async Task Message_of_a_patch_names_its_series_version_and_index()
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await database.Get<MailboxImporter>().ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, Ct), null, Ct);
        var series = await ZpciSeriesAsync(database);
        var messages = database.Get<MessageQueries>();

        var patch = (await messages.GetMessageAsync("20220513191509.272897-18-mjrosato@linux.ibm.com", Ct))!;
        var cover = (await messages.GetMessageAsync(V7Cover, Ct))!;
        var reply = (await messages.GetMessageAsync("1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com", Ct))!;

        Assert.Equal(("patch", series.Id, 7, 17), (patch.Kind, patch.SeriesId, patch.Version, patch.PatchIndex));
        Assert.Equal(("cover", series.Id, 7, (int?)null), (cover.Kind, cover.SeriesId, cover.Version, cover.PatchIndex));
        Assert.Equal(("reply", (long?)null), (reply.Kind, reply.SeriesId));
    }

    [Fact]
    public async Task Reanalysis_of_a_database_imported_before_series_existed_derives_the_same_series()
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var importer = database.Get<MailboxImporter>();
        await importer.ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, Ct), null, Ct);
        var expected = await ZpciSeriesAsync(database);
        await using (var db = await database.CreateDbAsync())
        {
            // What a database migrated from before series has: the mail, and nothing derived from it.
            await db.MailAnalysis.ExecuteDeleteAsync(Ct);
            await db.MessageTrailers.ExecuteDeleteAsync(Ct);
            await db.PullRequestPatches.ExecuteDeleteAsync(Ct);
            await db.PullRequests.ExecuteDeleteAsync(Ct);
            await db.Series.ExecuteDeleteAsync(Ct);
        }

        var analysed = await importer.ReanalyzeAsync(null, Ct);

        Assert.Equal(621, analysed);
        var actual = await ZpciSeriesAsync(database);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(
            expected.Versions.Select(v => (v.Version, v.HeadMessageId, v.PatchCount, v.ReplyCount, v.Link?.PreviousVersion, v.State)),
            actual.Versions.Select(v => (v.Version, v.HeadMessageId, v.PatchCount, v.ReplyCount, v.Link?.PreviousVersion, v.State)));
        Assert.Equal(expected.PullRequests.Single().AppliedPatches, actual.PullRequests.Single().AppliedPatches);
        var v7 = (await database.Get<SeriesQueries>().GetVersionAsync(actual.Id, 7, Ct))!;
        Assert.Equal(11, v7.Changelog.Count);
        Assert.Contains(v7.Patches[5].Trailers, t => (t.Type, t.Email, t.Origin) == ("Reviewed-by", "thuth@redhat.com", "reply"));
    }

    [Fact]
    public async Task A_maintainer_unlinks_and_links_versions_and_the_decision_outlives_a_reimport()
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var importer = database.Get<MailboxImporter>();
        await importer.ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, Ct), null, Ct);
        var whole = await ZpciSeriesAsync(database);
        var v3 = whole.Versions[2].HeadMessageId;
        var v4 = whole.Versions[3].HeadMessageId;
        var queries = database.Get<SeriesQueries>();

        var later = await importer.SetVersionLinkAsync(v3, v4, linked: false, Ct);
        await importer.ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, Ct), null, Ct);
        await importer.ReanalyzeAsync(null, Ct);

        var first = (await queries.GetSeriesAsync(whole.Id, Ct))!;
        var second = (await queries.GetSeriesAsync(later, Ct))!;
        Assert.Equal([1, 2, 3], first.Versions.Select(v => v.Version));
        Assert.Equal([4, 5, 6, 7, 8, 9], second.Versions.Select(v => v.Version));
        Assert.Null(second.Versions[0].Link);

        var again = await importer.SetVersionLinkAsync(v3, v4, linked: true, Ct);

        var joined = (await queries.GetSeriesAsync(again, Ct))!;
        Assert.Equal(whole.Id, again);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], joined.Versions.Select(v => v.Version));
        var link = joined.Versions[3].Link!;
        Assert.Equal((3, 1.0), (link.PreviousVersion, link.Confidence));
        Assert.Equal(["maintainer"], link.Signals);
        await Assert.ThrowsAsync<ArgumentException>(() => importer.SetVersionLinkAsync(v3, "not-a-version@example.org", linked: true, Ct));
    }

    [Fact]
    public async Task A_pulled_patch_that_two_series_posted_is_applied_to_one_of_them_only()
    {
        const string diff = """
            ---
             drivers/s390/foo.c | 1 +
             1 file changed, 1 insertion(+)

            diff --git a/drivers/s390/foo.c b/drivers/s390/foo.c
            index 1111111..2222222 100644
            --- a/drivers/s390/foo.c
            +++ b/drivers/s390/foo.c
            @@ -1,2 +1,3 @@
             int foo;
            +int bar;
             int baz;
            -- 
            2.35.1

            """;
        // The same change posted in two series (by two people), then re-sent in a pull request; the carried mail has
        // no Link:, so only its patch-id finds the posted patch, and both series have it.
        await using var database = await TestDatabases.CreateAsync(provider);
        await database.Get<MailboxImporter>().ImportAsync("two series", MailFixtures.Stream(
        [
            MailFixtures.Envelope(MailFixtures.Message("ann-1@x", "[PATCH] s390/foo: add bar", body: "Add bar.\n\nSigned-off-by: Ann Author <ann@example.org>\n" + diff)),
            MailFixtures.Envelope(MailFixtures.Message("bob-1@x", "[PATCH] s390/foo: introduce bar", "Bob Other <bob@example.org>",
                date: "Wed, 27 Apr 2022 10:00:00 -0400", body: "Introduce bar.\n\nSigned-off-by: Bob Other <bob@example.org>\n" + diff)),
            MailFixtures.Envelope(MailFixtures.Message("pull-1@x", "[GIT PULL 1/1] s390/foo: add bar", "Maintainer <m@example.org>",
                date: "Thu, 28 Apr 2022 10:00:00 -0400", inReplyTo: "pull-0@x",
                body: "From: Ann Author <ann@example.org>\n\nAdd bar.\n\nSigned-off-by: Ann Author <ann@example.org>\n" + diff)),
        ], Ct), null, Ct);

        var queries = database.Get<SeriesQueries>();
        var all = await queries.ListSeriesAsync(new SeriesFilter(null, null, null), new PageRequest(1, 50), Ct);
        var details = new List<SeriesDetail>();
        foreach (var summary in all.Items)
        {
            details.Add((await queries.GetSeriesAsync(summary.Id, Ct))!);
        }

        Assert.Equal(2, details.Count);
        var applied = Assert.Single(details, d => d.PullRequests.Count > 0);
        Assert.Equal("applied", applied.State);
        Assert.Equal(["pull-0@x"], applied.PullRequests.Select(p => p.MessageId));
        Assert.Single(applied.PullRequests[0].AppliedPatches);
        Assert.Equal("new", Assert.Single(details, d => d.PullRequests.Count == 0).State);
    }

    [Fact]
    public async Task Patches_sent_without_threading_join_their_version_when_the_last_of_them_comes_in_a_later_import()
    {
        // git send-email --no-thread: every patch is a thread of its own, and only sender, version, total and time
        // tie them together. The last patch of each of two such series arrives in a second import, where the series
        // update must find the earlier patches in the database.
        static MailEnvelope Patch(string id, string subject, string from, string date) => MailFixtures.Envelope(MailFixtures.Message(id, subject, from,
            date: date, body: $"Change {id}.\n\nSigned-off-by: {from}\n---\n drivers/s390/{id}.c | 1 +\n"));
        const string ann = "Ann Author <ann@example.org>";
        const string bob = "Bob Other <bob@example.org>";
        await using var database = await TestDatabases.CreateAsync(provider);
        var importer = database.Get<MailboxImporter>();
        await importer.ImportAsync("first", MailFixtures.Stream(
        [
            Patch("ann-1@x", "[PATCH 1/3] s390/foo: add bar", ann, "Tue, 26 Apr 2022 16:08:22 -0400"),
            Patch("ann-2@x", "[PATCH 2/3] s390/foo: use bar", ann, "Tue, 26 Apr 2022 16:08:23 -0400"),
            Patch("bob-1@x", "[PATCH v2 1/2] s390/qux: split qux", bob, "Wed, 27 Apr 2022 09:00:00 +0200"),
        ], Ct), null, Ct);
        await importer.ImportAsync("second", MailFixtures.Stream(
        [
            Patch("ann-3@x", "[PATCH 3/3] s390/foo: drop baz", ann, "Tue, 26 Apr 2022 16:08:24 -0400"),
            Patch("bob-2@x", "[PATCH v2 2/2] s390/qux: document qux", bob, "Wed, 27 Apr 2022 09:00:05 +0200"),
        ], Ct), null, Ct);

        var queries = database.Get<SeriesQueries>();
        var all = await queries.ListSeriesAsync(new SeriesFilter(null, null, null), new PageRequest(1, 50), Ct);
        var versions = new List<(string Submitter, int Version, int Patches, bool Complete)>();
        foreach (var summary in all.Items)
        {
            var series = (await queries.GetSeriesAsync(summary.Id, Ct))!;
            versions.AddRange(series.Versions.Select(v => (series.Submitter.Email, v.Version, v.PatchCount, v.IsComplete)));
        }

        Assert.Equal([("ann@example.org", 1, 3, true), ("bob@example.org", 2, 2, true)], versions.OrderBy(v => v.Submitter));
    }

    [Fact]
    public async Task Series_come_out_the_same_whatever_order_the_mail_arrives_in()
    {
        var all = await MailFixtures.ReadAllAsync(Corpus.ZpciSeries);
        await using var forward = await TestDatabases.CreateAsync(provider);
        await forward.Get<MailboxImporter>().ImportAsync("forward", MailFixtures.Stream(all, Ct), null, Ct);
        await using var backward = await TestDatabases.CreateAsync(provider);
        // Newest half first, then the rest: v1..v4 arrive after the versions they precede.
        var importer = backward.Get<MailboxImporter>();
        await importer.ImportAsync("second half", MailFixtures.Stream(all.Skip(all.Count / 2), Ct), null, Ct);
        await importer.ImportAsync("first half", MailFixtures.Stream(all.Take(all.Count / 2), Ct), null, Ct);

        var expected = await ZpciSeriesAsync(forward);
        var actual = await ZpciSeriesAsync(backward);

        Assert.Equal(
            expected.Versions.Select(v => (v.Version, v.HeadMessageId, v.PatchCount, v.ReplyCount, v.Link?.PreviousVersion)),
            actual.Versions.Select(v => (v.Version, v.HeadMessageId, v.PatchCount, v.ReplyCount, v.Link?.PreviousVersion)));
        Assert.Equal(expected.State, actual.State);
        await using var db = await backward.CreateDbAsync();
        Assert.Equal(1, await db.Series.CountAsync(s => s.Title == Title, Ct));
    }

    [Fact]
    public async Task Series_updated_midway_through_an_import_come_out_as_when_derived_once_at_its_end()
    {
        await using var once = await TestDatabases.CreateAsync(provider);
        await once.Get<MailboxImporter>().ImportAsync(Corpus.LinuxS390Quarter, MailReader.ReadAsync(Corpus.LinuxS390Quarter, Ct), null, Ct);
        await using var midway = await TestDatabases.CreateAsync(provider);
        // The quarter's 3,523 messages, all stored, in a first batch of 200 and then batches of 250, and an update
        // once 700 more are stored: after batches 3, 6, 9 and 12 (700, 1,450, 2,200 and 2,950 stored), then the last
        // at the end. On PostgreSQL each midway update runs while the batches after it are saved.
        var importer = new MailboxImporter(midway.Get<DatabaseSettings>(), midway.Get<TimeProvider>(), midway.Get<IDbContextFactory<PatchReviewDb>>(),
            midway.Get<DatabaseMigrator>()) { BatchSize = 250, SeriesInterval = 700 };
        var stages = new List<ImportStage>();

        await importer.ImportAsync(Corpus.LinuxS390Quarter, MailReader.ReadAsync(Corpus.LinuxS390Quarter, Ct),
            new SynchronousProgress(p => stages.Add(p.Stage)), Ct);

        var expected = await SeriesShapeAsync(once);
        Assert.Equal(expected, await SeriesShapeAsync(midway));
        Assert.True(expected.Count > 100, $"only {expected.Count} versions");
        Assert.Equal(4 + 1, stages.Count(s => s == ImportStage.DerivingSeries));
    }

    /// <summary>
    /// Every version of every series with its links, counts, state and review, named by Message-IDs: row ids depend
    /// on the order in which series were written.
    /// </summary>
    static async Task<List<string>> SeriesShapeAsync(TestDatabase database)
    {
        await using var db = await database.CreateDbAsync();
        var versions = await (from v in db.SeriesVersions
                              join head in db.Messages on v.Id equals head.Id
                              join s in db.Series on v.SeriesId equals s.Id
                              join r in db.SeriesReviews on s.Id equals r.SeriesId into reviews
                              from r in reviews.DefaultIfEmpty()
                              select new
                              {
                                  v.Id, v.SeriesId, Head = head.MessageId, v.Version, v.PatchCount, v.ReplyCount, v.State, v.PreviousVersionId,
                                  v.LinkConfidence, s.Title, SeriesState = s.State, s.Acked, s.Reviewed, s.Tested,
                                  Decisions = r == null ? -1 : r.DecisionCount,
                              }).ToListAsync(Ct);
        var heads = versions.ToDictionary(v => v.Id, v => v.Head);
        var seriesKeys = versions.GroupBy(v => v.SeriesId).ToDictionary(g => g.Key, g => g.Select(v => v.Head).Min(StringComparer.Ordinal)!);
        return [.. versions.Select(v => string.Join(" ", seriesKeys[v.SeriesId], v.Head, v.Version, v.PatchCount, v.ReplyCount, v.State,
                v.PreviousVersionId is { } previous ? heads[previous] : "-", v.LinkConfidence?.ToString("R", CultureInfo.InvariantCulture), v.Title,
                v.SeriesState, v.Acked, v.Reviewed, v.Tested, v.Decisions))
            .Order(StringComparer.Ordinal)];
    }
}

public sealed class PostgresSeriesTests() : SeriesTests(DatabaseProvider.Postgres);

public sealed class SqliteSeriesTests() : SeriesTests(DatabaseProvider.Sqlite);
