using System.IO.Compression;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PatchReview.Core.Mail;
using PatchReview.Data;
using PatchReview.Data.Import;
using PatchReview.Testing;

namespace PatchReview.Data.Tests.Import;

/// <summary>The importer against each provider: the same behaviour on PostgreSQL and on the embedded SQLite default.</summary>
public abstract class ImporterTests(DatabaseProvider provider)
{
    const string SeedReply = "1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com";
    const string SeedParent = "20220427150138.GA2512703@nvidia.com";
    const string ZpciV6Cover = "20220426200842.98655-1-mjrosato@linux.ibm.com";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    Task<TestDatabase> CreateDatabaseAsync() => TestDatabases.CreateAsync(provider);

    static Task<ImportSummary> ImportAsync(TestDatabase database, string source, IEnumerable<MailEnvelope> envelopes) =>
        database.Get<MailboxImporter>().ImportAsync(source, MailFixtures.Stream(envelopes), null, Ct);

    /// <summary>An importer over the database's services whose batches are smaller than the default.</summary>
    static MailboxImporter ImporterWithBatchesOf(TestDatabase database, int batchSize, int seriesInterval = 20_000) => new(database.Get<DatabaseSettings>(),
        database.Get<TimeProvider>(), database.Get<IDbContextFactory<PatchReviewDb>>(), database.Get<DatabaseMigrator>())
    {
        BatchSize = batchSize,
        SeriesInterval = seriesInterval,
    };

    static Task<ImportSummary> ImportFileAsync(TestDatabase database, string path) =>
        database.Get<MailboxImporter>().ImportAsync(path, MailReader.ReadAsync(path, Ct), null, Ct);

    [Fact]
    public async Task Progress_is_reported_after_each_saved_batch_and_before_each_derivation()
    {
        await using var database = await CreateDatabaseAsync();
        var reports = new List<(int Stored, ImportStage Stage)>();

        await ImporterWithBatchesOf(database, 100, seriesInterval: 300).ImportAsync(Corpus.ZpciSeries, MailReader.ReadAsync(Corpus.ZpciSeries, Ct), new SynchronousProgress(p => reports.Add((p.Stored, p.Stage))), Ct);

        // Batches of 100 of the 621 zPCI messages; series midway after every 300 stored, then series and reviews at the end.
        (int, ImportStage) Saved(int stored) => (stored, ImportStage.Saving);
        Assert.Equal(
        [
            Saved(100), Saved(200), Saved(300), (300, ImportStage.DerivingSeries), Saved(400), Saved(500), Saved(600),
            (600, ImportStage.DerivingSeries), Saved(621), (621, ImportStage.DerivingSeries), (621, ImportStage.DerivingReviews),
        ], reports);
    }

    [Fact]
    public async Task Model_has_no_changes_missing_from_the_migrations()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = await database.CreateDbAsync();
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Zpci_series_imports_every_message_and_reimport_stores_nothing()
    {
        await using var database = await CreateDatabaseAsync();

        var first = await ImportFileAsync(database, Corpus.ZpciSeries);
        var second = await ImportFileAsync(database, Corpus.ZpciSeries);

        Assert.Equal((621, 621, 0, 0, 0), (first.Read, first.Stored, first.Duplicates, first.Variants, first.Rejected));
        Assert.Equal((621, 0, 621, 0, 0), (second.Read, second.Stored, second.Duplicates, second.Variants, second.Rejected));
        await using var db = await database.CreateDbAsync();
        Assert.Equal(621, await db.Messages.CountAsync(m => !m.IsGhost, Ct));
        Assert.Equal(621, await db.MessageRaw.CountAsync(Ct));
        var imports = await db.Imports.OrderBy(i => i.Id).ToListAsync(Ct);
        Assert.Equal([(621, 621, 0), (621, 0, 621)], imports.Select(i => (i.Read, i.Stored, i.Duplicates)));
        Assert.All(imports, i => Assert.Equal(FixedTimeProvider.DefaultNow, i.FinishedAt));
    }

    [Fact]
    public async Task Quarter_of_the_list_after_the_zpci_series_counts_the_218_shared_messages_as_duplicates()
    {
        await using var database = await CreateDatabaseAsync();

        await ImportFileAsync(database, Corpus.ZpciSeries);
        var quarter = await ImportFileAsync(database, Corpus.LinuxS390Quarter);

        // 218 Message-IDs of the zPCI mbox are also in the 2022q2 archive, with identical headers and bodies.
        Assert.Equal((3523, 3305, 218, 0, 0), (quarter.Read, quarter.Stored, quarter.Duplicates, quarter.Variants, quarter.Rejected));
    }

    [Fact]
    public async Task Every_message_of_the_quarter_keeps_its_own_bytes_while_the_reader_refills_the_buffers_of_saved_batches()
    {
        await using var database = await CreateDatabaseAsync();
        var refills = 0;
        async IAsyncEnumerable<MailEnvelope> CountingRefills(IAsyncEnumerable<MailEnvelope> envelopes)
        {
            var filled = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
            await foreach (var envelope in envelopes)
            {
                if (MemoryMarshal.TryGetArray(envelope.Raw, out var segment) && segment.Offset == 0 && !filled.Add(segment.Array!))
                {
                    refills++;
                }
                yield return envelope;
            }
        }

        await database.Get<MailboxImporter>().ImportAsync(Corpus.LinuxS390Quarter,
            CountingRefills(MailReader.ReadAsync(Corpus.LinuxS390Quarter, Ct)), null, Ct);

        // 33 MB of mail: the reader packs it into 1 MB slabs and fills each again once the batches using it are saved.
        Assert.True(refills > 0, "no slab was filled again");
        var expected = await MailFixtures.ReadAllAsync(Corpus.LinuxS390Quarter);
        await using var db = await database.CreateDbAsync();
        var stored = await (from m in db.Messages where !m.IsGhost join r in db.MessageRaw on m.Id equals r.MessageId
                            orderby m.SourceOffset select new { Offset = m.SourceOffset!.Value, r.Data }).ToListAsync(Ct);
        Assert.Equal(expected.Count, stored.Count);
        Assert.All(expected.Zip(stored), pair =>
        {
            Assert.Equal(pair.First.Offset, pair.Second.Offset);
            Assert.True(pair.First.Raw.Span.SequenceEqual(pair.Second.Data), $"the message at byte {pair.First.Offset} was stored with other bytes");
        });
    }

    [Fact]
    public async Task Seed_reply_threads_under_the_message_it_answers_and_the_v6_cover_letter()
    {
        await using var database = await CreateDatabaseAsync();
        await ImportFileAsync(database, Corpus.ZpciSeries);

        await using var db = await database.CreateDbAsync();
        var reply = await db.Messages.SingleAsync(m => m.MessageId == SeedReply, Ct);
        var parent = await db.Messages.SingleAsync(m => m.Id == reply.ParentId, Ct);
        var root = await db.Messages.SingleAsync(m => m.Id == reply.ThreadId, Ct);
        Assert.Equal(SeedParent, parent.MessageId);
        Assert.Equal(ZpciV6Cover, root.MessageId);
        Assert.True(reply.IsFlowed);
        Assert.Equal("Matthew Rosato", reply.FromName);
    }

    [Fact]
    public async Task Threads_are_the_same_whatever_the_archive_order_or_split()
    {
        var envelopes = await MailFixtures.ReadAllAsync(Corpus.ZpciSeries);

        var inOneGo = await ThreadShapeAsync([envelopes]);
        var inHalves = await ThreadShapeAsync([envelopes[..(envelopes.Count / 2)], envelopes[(envelopes.Count / 2)..]]);
        var reversed = await ThreadShapeAsync([Enumerable.Reverse(envelopes).ToList()]);
        var secondHalfFirst = await ThreadShapeAsync([envelopes[(envelopes.Count / 2)..], envelopes[..(envelopes.Count / 2)]]);

        Assert.Equal(inOneGo, inHalves);
        Assert.Equal(inOneGo, reversed);
        Assert.Equal(inOneGo, secondHalfFirst);
    }

    async Task<List<string>> ThreadShapeAsync(IEnumerable<List<MailEnvelope>> imports)
    {
        await using var database = await CreateDatabaseAsync();
        foreach (var part in imports)
        {
            // Small batches so that one import spans many transactions, as a large archive does.
            await ImporterWithBatchesOf(database, 97).ImportAsync("part", MailFixtures.Stream(part), null, Ct);
        }
        await using var db = await database.CreateDbAsync();
        var rows = await db.Messages.AsNoTracking()
            .Select(m => new { m.MessageId, m.IsGhost, Parent = m.Parent!.MessageId, Root = db.Messages.Where(r => r.Id == m.ThreadId).Select(r => r.MessageId).Single() })
            .ToListAsync(Ct);
        var threads = await db.Threads.AsNoTracking().Select(t => new { t.Root!.MessageId, t.MessageCount, t.Subject }).ToListAsync(Ct);
        return [
            .. rows.Select(r => $"{r.MessageId} ghost={r.IsGhost} parent={r.Parent} root={r.Root}").Order(StringComparer.Ordinal),
            .. threads.Select(t => $"thread {t.MessageId} {t.MessageCount} {t.Subject}").Order(StringComparer.Ordinal),
        ];
    }

    [Fact]
    public async Task Reply_to_a_missing_parent_hangs_under_a_ghost_until_the_parent_arrives()
    {
        await using var database = await CreateDatabaseAsync();
        var reply = MailFixtures.Message("reply@example.org", "Re: [PATCH] s390: fix", inReplyTo: "patch@example.org",
            references: "<patch@example.org>", date: "Wed, 27 Apr 2022 10:00:00 +0000");
        var patch = MailFixtures.Message("patch@example.org", "[PATCH] s390: fix", date: "Tue, 26 Apr 2022 10:00:00 +0000");

        await ImportAsync(database, "a.mbox", [MailFixtures.Envelope(reply)]);
        await using (var db = await database.CreateDbAsync())
        {
            var ghost = await db.Messages.SingleAsync(m => m.MessageId == "patch@example.org", Ct);
            var child = await db.Messages.SingleAsync(m => m.MessageId == "reply@example.org", Ct);
            Assert.True(ghost.IsGhost);
            Assert.Equal(ghost.Id, child.ParentId);
            Assert.Equal(ghost.Id, child.ThreadId);
            var thread = await db.Threads.SingleAsync(Ct);
            Assert.Equal((ghost.Id, 1, "Re: [PATCH] s390: fix"), (thread.Id, thread.MessageCount, thread.Subject));
        }

        var second = await ImportAsync(database, "b.mbox", [MailFixtures.Envelope(patch)]);

        Assert.Equal(1, second.Stored);
        await using (var db = await database.CreateDbAsync())
        {
            var parent = await db.Messages.SingleAsync(m => m.MessageId == "patch@example.org", Ct);
            var child = await db.Messages.SingleAsync(m => m.MessageId == "reply@example.org", Ct);
            Assert.False(parent.IsGhost);
            Assert.Equal("[PATCH] s390: fix", parent.Subject);
            Assert.Equal(parent.Id, child.ParentId);
            var thread = await db.Threads.SingleAsync(Ct);
            Assert.Equal((parent.Id, 2, "[PATCH] s390: fix"), (thread.Id, thread.MessageCount, thread.Subject));
            Assert.Equal(new DateTimeOffset(2022, 4, 27, 10, 0, 0, TimeSpan.Zero), thread.LastActivity);
        }
    }

    [Fact]
    public async Task Same_message_through_another_list_is_a_duplicate_and_different_content_is_a_kept_variant()
    {
        await using var database = await CreateDatabaseAsync();
        var original = MailFixtures.Message("same@example.org", "[PATCH] one", listId: "linux-s390.vger.kernel.org");
        var viaKvm = MailFixtures.Message("same@example.org", "[PATCH] one", listId: "kvm.vger.kernel.org",
            extraHeaders: "Received: from relay.example.net by vger.kernel.org\n");
        var edited = MailFixtures.Message("same@example.org", "[PATCH] one", body: "Hello, edited.\n");

        var summary = await ImportAsync(database, "a.mbox",
            [MailFixtures.Envelope(original, offset: 0), MailFixtures.Envelope(viaKvm, offset: 100), MailFixtures.Envelope(edited, offset: 200)]);
        var again = await ImportAsync(database, "a.mbox", [MailFixtures.Envelope(edited, offset: 200)]);

        Assert.Equal((3, 1, 1, 1, 0), (summary.Read, summary.Stored, summary.Duplicates, summary.Variants, summary.Rejected));
        Assert.Equal((1, 0, 1, 0), (again.Read, again.Stored, again.Duplicates, again.Variants));
        await using var db = await database.CreateDbAsync();
        var message = await db.Messages.SingleAsync(Ct);
        Assert.Equal(["kvm.vger.kernel.org", "linux-s390.vger.kernel.org"], message.Lists.Order(StringComparer.Ordinal));
        var variant = await db.MessageVariants.SingleAsync(Ct);
        Assert.Equal((message.Id, 200L), (variant.CanonicalId, variant.SourceOffset));
        Assert.Equal(edited, variant.Raw);
    }

    [Fact]
    public async Task Ghost_parent_is_the_same_whether_the_messages_naming_it_arrive_together_or_apart()
    {
        // B names ghost g after y and z, A names g after x only; the longer References list places g under z
        // wherever B is, so A's thread must not depend on whether B's thread is already stored.
        var p = MailFixtures.Envelope(MailFixtures.Message("p@example.org", "p"));
        var b = MailFixtures.Envelope(MailFixtures.Message("b@example.org", "Re: p", references: "<y@example.org> <z@example.org> <g@example.org> <p@example.org>"));
        var a = MailFixtures.Envelope(MailFixtures.Message("a@example.org", "Re: g", inReplyTo: "g@example.org", references: "<x@example.org> <g@example.org>"));

        var together = await ThreadShapeAsync([[p, b, a]]);
        var apart = await ThreadShapeAsync([[p, b], [a]]);
        var reversed = await ThreadShapeAsync([[a], [p, b]]);

        Assert.Contains("a@example.org ghost=False parent=g@example.org root=y@example.org", together);
        Assert.Equal(together, apart);
        Assert.Equal(together, reversed);
    }

    [Fact]
    public async Task Later_copy_is_stored_when_the_first_copy_of_its_message_id_is_rejected()
    {
        await using var database = await CreateDatabaseAsync();
        var cut = "From: Ann <ann@example.org>\nSubject: [PATCH] one\nMessage-ID: <one@example.org>\nDa"u8.ToArray();
        var whole = MailFixtures.Message("one@example.org", "[PATCH] one");

        var summary = await ImportAsync(database, "a.mbox", [MailFixtures.Envelope(cut, offset: 0), MailFixtures.Envelope(whole, offset: 100)]);

        Assert.Equal((2, 1, 0, 0, 1), (summary.Read, summary.Stored, summary.Duplicates, summary.Variants, summary.Rejected));
        await using var db = await database.CreateDbAsync();
        Assert.Equal(100L, (await db.Messages.SingleAsync(Ct)).SourceOffset);
    }

    [Fact]
    public async Task First_batch_parsed_before_the_store_opens_is_classified_as_later_batches_are()
    {
        // The first batch is parsed whole while the database opens, later ones only after their stored mail is known;
        // both batches here hold a stored message, an unparsable one and a second copy of it.
        await using var database = await CreateDatabaseAsync();
        var stored = MailFixtures.Message("stored@example.org", "[PATCH] stored");
        await ImportAsync(database, "first.mbox", [MailFixtures.Envelope(stored)]);
        byte[] Garbage(int n) => System.Text.Encoding.ASCII.GetBytes($"\u0001 not mail {n}\n");
        var fresh = MailFixtures.Message("fresh@example.org", "[PATCH] fresh");
        var envelopes = new[] { stored, Garbage(1), Garbage(1), stored, Garbage(2), Garbage(2), fresh }
            .Select((raw, i) => MailFixtures.Envelope(raw, "mixed.mbox", i * 100));

        var summary = await ImporterWithBatchesOf(database, 3).ImportAsync("mixed.mbox", MailFixtures.Stream(envelopes, Ct), null, Ct);

        Assert.Equal((7, 1, 4, 0, 2), (summary.Read, summary.Stored, summary.Duplicates, summary.Variants, summary.Rejected));
        await using var db = await database.CreateDbAsync();
        Assert.Equal([100L, 400L], await db.RejectedMessages.Select(r => r.SourceOffset).Order().ToListAsync(Ct));
        Assert.Equal(600L, (await db.Messages.SingleAsync(m => m.MessageId == "fresh@example.org", Ct)).SourceOffset);
    }

    [Fact]
    public async Task Unparsable_mail_is_kept_aside_with_its_bytes_source_offset_and_reason()
    {
        await using var database = await CreateDatabaseAsync();
        var garbage = "\u0001\u0002 this is not mail at all\n"u8.ToArray();
        var good = MailFixtures.Message("good@example.org", "fine");

        var summary = await ImportAsync(database, "bad.mbox", [MailFixtures.Envelope(garbage, "bad.mbox", 4096), MailFixtures.Envelope(good, "bad.mbox", 8192)]);
        var again = await ImportAsync(database, "bad.mbox", [MailFixtures.Envelope(garbage, "bad.mbox", 4096)]);

        Assert.Equal((2, 1, 1), (summary.Read, summary.Stored, summary.Rejected));
        Assert.Equal((1, 0, 1), (again.Read, again.Stored, again.Rejected));
        await using var db = await database.CreateDbAsync();
        var rejected = await db.RejectedMessages.SingleAsync(Ct);
        Assert.Equal(("bad.mbox", 4096L, garbage.Length), (rejected.Source, rejected.SourceOffset, rejected.Size));
        Assert.Equal(garbage, rejected.Raw);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
    }

    [Fact]
    public async Task Broken_gzip_stream_stops_with_the_file_and_offset_and_a_rerun_resumes_without_duplicates()
    {
        await using var database = await CreateDatabaseAsync();
        var directory = Directory.CreateTempSubdirectory("patchreview-broken-").FullName;
        try
        {
            var mbox = new MemoryStream();
            for (var i = 0; i < 30; i++)
            {
                mbox.Write("From mboxrd@z Thu Jan  1 00:00:00 1970\n"u8);
                mbox.Write(MailFixtures.Message($"m{i}@example.org", $"message {i}", body: new string('x', 2000) + "\n"));
                mbox.Write("\n"u8);
            }
            var compressed = new MemoryStream();
            await using (var gzip = new GZipStream(compressed, CompressionLevel.NoCompression, leaveOpen: true))
            {
                await gzip.WriteAsync(mbox.ToArray(), Ct);
            }
            var whole = compressed.ToArray();
            var broken = Path.Combine(directory, "broken.mbox.gz");
            await File.WriteAllBytesAsync(broken, whole[..(whole.Length / 2)], Ct);

            var failure = await Assert.ThrowsAsync<ImportFailedException>(() => ImportFileAsync(database, broken));

            Assert.Contains(broken, failure.Message, StringComparison.Ordinal);
            Assert.Contains("byte", failure.Message, StringComparison.Ordinal);
            await using (var db = await database.CreateDbAsync())
            {
                var import = await db.Imports.SingleAsync(Ct);
                Assert.Equal(failure.Message, import.Error);
            }

            var whole_file = Path.Combine(directory, "whole.mbox.gz");
            await File.WriteAllBytesAsync(whole_file, whole, Ct);
            var rerun = await ImportFileAsync(database, whole_file);
            await using (var db = await database.CreateDbAsync())
            {
                Assert.Equal(30, await db.Messages.CountAsync(Ct));
                Assert.Equal(30, rerun.Stored + rerun.Duplicates);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Batch_the_database_refuses_stores_no_message_and_a_rerun_stores_each_with_its_own_bytes_and_no_others()
    {
        await using var database = await CreateDatabaseAsync();
        var mail = Enumerable.Range(0, 30).Select(i => MailFixtures.Envelope(MailFixtures.Message($"m{i}@example.org", $"message {i}",
            references: i == 20 ? "<refuse@example.org>" : null, body: new string('x', 2000) + "\n"), offset: i * 4096)).ToList();
        // The references are written after the messages, and after the raw bytes have been given to the database.
        await using (var db = await database.CreateDbAsync())
        {
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Postgres
                ? "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$; "
                    + "CREATE TRIGGER refuse BEFORE INSERT ON message_references FOR EACH ROW "
                    + "WHEN (NEW.referenced_message_id = 'refuse@example.org') EXECUTE FUNCTION refuse();"
                : "CREATE TRIGGER refuse BEFORE INSERT ON message_references WHEN NEW.referenced_message_id = 'refuse@example.org' "
                    + "BEGIN SELECT RAISE(ABORT, 'refused'); END;", Ct);
        }

        await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(database, "a.mbox", mail));

        await using (var db = await database.CreateDbAsync())
        {
            Assert.Equal(0, await db.Messages.CountAsync(Ct));
            // PostgreSQL may have committed the raw bytes beside the batch: noted on the import, for the next one to remove.
            var noted = (await db.Imports.SingleAsync(Ct)).PendingRaw ?? [];
            Assert.All(await db.MessageRaw.Select(r => r.MessageId).ToListAsync(Ct), id => Assert.Contains(id, noted));
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Postgres ? "DROP TRIGGER refuse ON message_references" : "DROP TRIGGER refuse", Ct);
        }
        var rerun = await ImportAsync(database, "a.mbox", mail);

        Assert.Equal(30, rerun.Stored);
        await using (var db = await database.CreateDbAsync())
        {
            var raw = await (from m in db.Messages where !m.IsGhost join r in db.MessageRaw on m.Id equals r.MessageId select new { m.SourceOffset, r.Data })
                .ToListAsync(Ct);
            Assert.Equal(mail.Select(e => (e.Offset, e.Raw.ToArray())), raw.OrderBy(r => r.SourceOffset).Select(r => (r.SourceOffset!.Value, r.Data)));
            Assert.Equal(30, await db.MessageRaw.CountAsync(Ct));
            Assert.All(await db.Imports.ToListAsync(Ct), i => Assert.Null(i.PendingRaw));
        }
    }
}

public sealed class PostgresImporterTests() : ImporterTests(DatabaseProvider.Postgres)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly byte[] Reply = MailFixtures.Message("reply@example.org", "Re: [PATCH] s390: fix", inReplyTo: "patch@example.org",
        references: "<patch@example.org>");

    static readonly byte[] Patch = MailFixtures.Message("patch@example.org", "[PATCH] s390: fix");

    /// <summary>A database holding the reply, under a ghost for the patch it answers; and the ghost's id.</summary>
    static async Task<(TestDatabase Database, long GhostId)> ReplyUnderGhostAsync()
    {
        var database = await TestDatabases.CreateAsync(DatabaseProvider.Postgres);
        await database.Get<MailboxImporter>().ImportAsync("a.mbox", MailFixtures.Stream([MailFixtures.Envelope(Reply)], Ct), null, Ct);
        await using var db = await database.CreateDbAsync();
        return (database, (await db.Messages.SingleAsync(m => m.MessageId == "patch@example.org" && m.IsGhost, Ct)).Id);
    }

    static Task<ImportSummary> ImportPatchAsync(TestDatabase database) =>
        database.Get<MailboxImporter>().ImportAsync("b.mbox", MailFixtures.Stream([MailFixtures.Envelope(Patch)], Ct), null, Ct);

    /// <summary>
    /// A process killed between the two commits leaves the raw bytes of its batch, noted on its import, and no message
    /// using them; one of them may be a ghost's, as a batch that fills a ghost saves the message under the ghost's id.
    /// </summary>
    [Fact]
    public async Task Raw_bytes_a_killed_import_left_beside_its_batch_are_removed_by_the_next_import()
    {
        var (database, ghostId) = await ReplyUnderGhostAsync();
        await using var _ = database;
        var unused = ghostId + 1000;
        await using (var db = await database.CreateDbAsync())
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO message_raw (message_id, data) VALUES ({ghostId}, {Patch}), ({unused}, {Patch})", Ct);
            await db.Database.ExecuteSqlAsync($"UPDATE imports SET pending_raw = {new[] { ghostId, unused }}", Ct);
        }

        await ImportPatchAsync(database);

        await using (var db = await database.CreateDbAsync())
        {
            var raw = await db.MessageRaw.OrderBy(r => r.MessageId).ToListAsync(Ct);
            var ids = await db.Messages.Where(m => !m.IsGhost).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(Ct);
            Assert.Equal(ids, raw.Select(r => r.MessageId));
            Assert.Equal(Patch, raw.Single(r => r.MessageId == ghostId).Data);
            Assert.All(await db.Imports.ToListAsync(Ct), i => Assert.Null(i.PendingRaw));
        }
    }

    /// <summary>
    /// An import already running does not look for what a killed one left: when it fills the ghost whose bytes are
    /// still there, its batch replaces them rather than stop on a duplicate key.
    /// </summary>
    [Fact]
    public async Task Batch_filling_a_ghost_replaces_the_bytes_a_killed_import_left_under_its_id()
    {
        var (database, ghostId) = await ReplyUnderGhostAsync();
        await using var _ = database;
        await using (var db = await database.CreateDbAsync())
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO message_raw (message_id, data) VALUES ({ghostId}, {Reply})", Ct);
        }

        var filled = await ImportPatchAsync(database);

        Assert.Equal(1, filled.Stored);
        await using (var db = await database.CreateDbAsync())
        {
            Assert.Equal(Patch, (await db.MessageRaw.SingleAsync(r => r.MessageId == ghostId, Ct)).Data);
        }
    }

    [Fact]
    public async Task Unmigrated_database_is_reported_while_standard_input_has_given_nothing()
    {
        // A terminal or an idle pipe: reading waits for input, and cancelling does not interrupt it.
        await using var empty = await EmptyPostgresDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(empty.Settings).Build();
        await using var services = new ServiceCollection().AddSingleton<TimeProvider>(new FixedTimeProvider())
            .AddPatchReviewData(configuration).BuildServiceProvider();
        var input = new TaskCompletionSource();
        try
        {
            // The guard only turns a hang into a failure.
            var import = services.GetRequiredService<MailboxImporter>().ImportAsync("-", Awaiting(input.Task), null, Ct)
                .WaitAsync(TimeSpan.FromMinutes(1), Ct);

            var error = await Assert.ThrowsAsync<DatabaseConfigurationException>(() => import);
            Assert.Contains("run \"patchreview migrate\" first", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            input.SetResult();
        }
    }

    static async IAsyncEnumerable<MailEnvelope> Awaiting(Task input)
    {
        await input;
        yield break;
    }
}

public sealed class SqliteImporterTests() : ImporterTests(DatabaseProvider.Sqlite);
