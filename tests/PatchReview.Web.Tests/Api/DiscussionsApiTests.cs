using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatchReview.Web.Tests.Api;

/// <summary>The "Discussions" routes of the API contract, on the zPCI archive.</summary>
public sealed class DiscussionsApiTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    const string Seed = "1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com";
    const string JasonFirst = "20220427140410.GX2125828@nvidia.com";
    const string V6Hooks = "20220426200842.98655-17-mjrosato@linux.ibm.com";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<JsonElement> GetAsync(string url)
    {
        using var response = await archive.Client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task Quotes_of_the_seed_reply_give_each_block_its_kind_author_and_source()
    {
        var quotes = await GetAsync("/api/v1/messages/" + Uri.EscapeDataString(Seed) + "/quotes");
        var blocks = quotes.GetProperty("blocks").EnumerateArray().ToList();

        Assert.Equal(["attribution", "attribution", "attribution", "attribution", "quoted", "quoted", "quoted", "quoted", "new", "quoted"],
            blocks.Select(b => b.GetProperty("kind").GetString()));
        Assert.Equal([0, 1, 2, 3, 4, 3, 2, 1, 0, 1], blocks.Select(b => b.GetProperty("depth").GetInt32()));
        Assert.Equal(V6Hooks, blocks[4].GetProperty("sourceMessageId").GetString());
        Assert.Equal(JasonFirst, blocks[5].GetProperty("sourceMessageId").GetString());
        Assert.Equal("Jason Gunthorpe", blocks[5].GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(Seed, blocks[8].GetProperty("sourceMessageId").GetString());
    }

    [Fact]
    public async Task Comments_on_v6_16_21_put_jason_s_question_on_line_159_and_follow_it_to_v9()
    {
        var comments = (await GetAsync("/api/v1/patches/" + Uri.EscapeDataString(V6Hooks) + "/comments")).EnumerateArray().ToList();

        var question = Assert.Single(comments, c => c.GetProperty("messageId").GetString() == JasonFirst);
        Assert.Equal(("diff", "drivers/vfio/pci/vfio_pci_zdev.c", "new", 159),
            (question.GetProperty("target").GetString(), question.GetProperty("file").GetString(), question.GetProperty("side").GetString(), question.GetProperty("line").GetInt32()));
        Assert.Equal("+\t\tsymbol_put(kvm_s390_pci_register_kvm);", question.GetProperty("anchorText").GetString());
        Assert.Equal([(7, "anchor-removed"), (8, "anchor-removed"), (9, "anchor-removed")],
            question.GetProperty("laterVersions").EnumerateArray().Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("status").GetString())));
    }

    [Fact]
    public async Task Questions_of_the_series_filter_on_open_and_review_counts_them_per_version()
    {
        var page = await GetAsync("/api/v1/series?q=zpci");
        var id = page.EnumerateArray().Single(s => s.GetProperty("title").GetString() == "KVM: s390: enable zPCI for interpretive execution").GetProperty("id").GetInt64();

        var all = (await GetAsync($"/api/v1/series/{id}/questions")).EnumerateArray().ToList();
        var open = (await GetAsync($"/api/v1/series/{id}/questions?open=true")).EnumerateArray().ToList();
        var review = await GetAsync($"/api/v1/series/{id}/review");

        Assert.Contains(all, q => q.GetProperty("messageId").GetString() == JasonFirst && q.GetProperty("patchMessageId").GetString() == V6Hooks
            && q.GetProperty("version").GetInt32() == 6 && q.GetProperty("answeredBy").GetString() == "f6c78792-9cf7-0cde-f760-76166f9b7eb7@linux.ibm.com");
        Assert.All(open, q => Assert.Equal(JsonValueKind.Null, q.GetProperty("answeredBy").ValueKind));
        Assert.Equal(open.Count, review.GetProperty("questions").EnumerateArray().Sum(v => v.GetProperty("open").GetInt32()));
        Assert.Equal(all.Count, review.GetProperty("questions").EnumerateArray().Sum(v => v.GetProperty("asked").GetInt32()));
        Assert.Contains(review.GetProperty("reviewers").EnumerateArray(), r => r.GetProperty("reviewer").GetProperty("name").GetString() == "Jason Gunthorpe");
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        using var quotes = await archive.Client.GetAsync("/api/v1/messages/nobody%40example.org/quotes", Ct);
        using var comments = await archive.Client.GetAsync("/api/v1/patches/" + Uri.EscapeDataString(Seed) + "/comments", Ct);
        using var questions = await archive.Client.GetAsync("/api/v1/series/999999999/questions", Ct);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { quotes.StatusCode, comments.StatusCode, questions.StatusCode });
    }
}
