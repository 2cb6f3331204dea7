using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatchReview.Data.Import;
using PatchReview.Testing;
using PatchReview.Web.Caching;

namespace PatchReview.Web.Tests.Caching;

/// <summary>Cached answers last until an import changes the archive, whichever process ran the import.</summary>
public sealed class ArchiveCacheTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Answers_change_once_an_import_has_changed_the_archive()
    {
        var clock = new ManualClock();
        await using var factory = new WebFactory(database, services => services.AddSingleton<TimeProvider>(clock));
        factory.StartServer();
        using var client = factory.CreateClient();
        var url = "/api/v1/threads?list=late.example.org";

        var before = await client.GetFromJsonAsync<JsonElement>(url, Ct);
        await ImportAsync("late.example.org", "late@example.org");
        var withinStampAge = await client.GetFromJsonAsync<JsonElement>(url, Ct);
        clock.Advance(ArchiveVersion.MaxAge);
        var after = await client.GetFromJsonAsync<JsonElement>(url, Ct);
        var page = await client.GetPageAsync("/m/late@example.org");

        Assert.Equal(0, before.GetArrayLength());
        Assert.Equal(0, withinStampAge.GetArrayLength());
        Assert.Equal("late@example.org", Assert.Single(after.EnumerateArray()).GetProperty("rootMessageId").GetString());
        Assert.Contains("Arrived late", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_ids_differing_only_in_case_are_cached_apart()
    {
        await ImportAsync("twins.example.org", "Twin@example.org", "twin@example.org");
        await using var factory = new WebFactory(database);
        factory.StartServer();
        using var client = factory.CreateClient();

        var upper = await client.GetFromJsonAsync<JsonElement>("/api/v1/messages/Twin@example.org", Ct);
        var lower = await client.GetFromJsonAsync<JsonElement>("/api/v1/messages/twin@example.org", Ct);

        Assert.Equal(("Twin@example.org", "twin@example.org"), (upper.GetProperty("messageId").GetString(), lower.GetProperty("messageId").GetString()));
    }

    /// <summary>Each test imports into a list of its own, so no test sees another's mail.</summary>
    async Task ImportAsync(string list, params string[] messageIds)
    {
        var envelopes = messageIds.Select((id, i) => MailFixtures.Envelope(
            MailFixtures.Message(id, "Arrived late", date: "Fri, 02 Sep 2022 10:00:00 +0000", listId: list), "late.mbox", i * 1000));
        await database.Get<MailboxImporter>().ImportAsync("late.mbox", MailFixtures.Stream(envelopes, Ct), null, Ct);
    }
}
