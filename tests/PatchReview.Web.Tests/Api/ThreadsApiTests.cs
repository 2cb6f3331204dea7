using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatchReview.Web.Tests.Api;

public sealed class ThreadsApiTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    const string V6Cover = "20220426200842.98655-1-mjrosato@linux.ibm.com";
    const string Zpci = "linux-s390.vger.kernel.org";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The v6 thread as read from zpci-series.mbox.gz: the cover letter, its 21 patches by date, and every reply below
    /// what it answers. 37 messages carry References starting with the cover letter; the kernel test robot's report on
    /// 10/21 (References: only the patch) and Matthew Rosato's answer to it make 39.
    /// </summary>
    static readonly (int Depth, string MessageId)[] V6Thread =
    [
        (0, V6Cover),
        (1, "20220426200842.98655-2-mjrosato@linux.ibm.com"),
        (1, "20220426200842.98655-3-mjrosato@linux.ibm.com"),
        (1, "20220426200842.98655-4-mjrosato@linux.ibm.com"),
        (1, "20220426200842.98655-5-mjrosato@linux.ibm.com"),
        (1, "20220426200842.98655-6-mjrosato@linux.ibm.com"),
        (1, "20220426200842.98655-7-mjrosato@linux.ibm.com"),
        (1, "20220426200842.98655-8-mjrosato@linux.ibm.com"),
        (1, "20220426200842.98655-9-mjrosato@linux.ibm.com"),
        (1, "20220426200842.98655-10-mjrosato@linux.ibm.com"),
        (1, "20220426200842.98655-11-mjrosato@linux.ibm.com"),
        (2, "202204271653.1ZoYsV9W-lkp@intel.com"),
        (3, "6a4db1a9-70c4-3ed1-b055-c5161d021d3d@linux.ibm.com"),
        (1, "20220426200842.98655-12-mjrosato@linux.ibm.com"),
        (2, "f1d3896e-d6a5-e90f-c633-e670834d1765@linux.ibm.com"),
        (1, "20220426200842.98655-13-mjrosato@linux.ibm.com"),
        (2, "c515a641-f250-44a7-4f84-e98836fe8413@linux.ibm.com"),
        (1, "20220426200842.98655-14-mjrosato@linux.ibm.com"),
        (2, "02b06642-4bc4-e388-1dd7-6b28a85458c7@linux.ibm.com"),
        (1, "20220426200842.98655-15-mjrosato@linux.ibm.com"),
        (2, "28395b98-3489-342a-970a-5358e4405f22@linux.ibm.com"),
        (3, "6e3f4d81-dcb5-9a64-a9f8-2c9b319574ef@linux.ibm.com"),
        (1, "20220426200842.98655-16-mjrosato@linux.ibm.com"),
        (2, "20220427151400.GY2125828@nvidia.com"),
        (3, "b9575614-a234-0c36-7601-9c09d159c3b0@linux.ibm.com"),
        (4, "20220428122845.GC8364@nvidia.com"),
        (1, "20220426200842.98655-17-mjrosato@linux.ibm.com"),
        (2, "20220427140410.GX2125828@nvidia.com"),
        (3, "f6c78792-9cf7-0cde-f760-76166f9b7eb7@linux.ibm.com"),
        (4, "20220427150138.GA2512703@nvidia.com"),
        (5, "1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com"),
        (6, "20220427153924.GZ2125828@nvidia.com"),
        (7, "8c48614a-4e93-a575-1a08-ead955ad2a91@linux.ibm.com"),
        (1, "20220426200842.98655-18-mjrosato@linux.ibm.com"),
        (2, "6792c469-9a48-d1b3-47fc-5a7b408ae22b@linux.ibm.com"),
        (1, "20220426200842.98655-19-mjrosato@linux.ibm.com"),
        (1, "20220426200842.98655-20-mjrosato@linux.ibm.com"),
        (1, "20220426200842.98655-21-mjrosato@linux.ibm.com"),
        (1, "20220426200842.98655-22-mjrosato@linux.ibm.com"),
    ];

    [Theory]
    [InlineData(V6Cover)]
    [InlineData("1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com")]
    [InlineData("202204271653.1ZoYsV9W-lkp@intel.com")]
    public async Task Thread_of_any_message_is_the_whole_v6_thread_depth_first_with_siblings_by_date(string member)
    {
        var thread = await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/threads/" + Uri.EscapeDataString(member), Ct);
        var messages = thread.GetProperty("messages").EnumerateArray().ToList();

        Assert.Equal(V6Cover, thread.GetProperty("rootMessageId").GetString());
        Assert.Equal(39, thread.GetProperty("messageCount").GetInt32());
        Assert.Equal(V6Thread, messages.Select(m => (m.GetProperty("depth").GetInt32(), m.GetProperty("messageId").GetString()!)));
        Assert.All(messages, m => Assert.False(m.GetProperty("isGhost").GetBoolean()));
    }

    [Fact]
    public async Task Thread_message_names_its_parent_sender_and_utc_date()
    {
        var thread = await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/threads/" + V6Cover, Ct);
        var jason = thread.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("messageId").GetString() == "20220427140410.GX2125828@nvidia.com");

        Assert.Equal("20220426200842.98655-17-mjrosato@linux.ibm.com", jason.GetProperty("parentMessageId").GetString());
        Assert.Equal("Re: [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks", jason.GetProperty("subject").GetString());
        Assert.Equal(("Jason Gunthorpe", "jgg@nvidia.com"), (jason.GetProperty("from").GetProperty("name").GetString(), jason.GetProperty("from").GetProperty("email").GetString()));
        // Date: Wed, 27 Apr 2022 11:04:10 -0300
        Assert.Equal("2022-04-27T14:04:10Z", jason.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Parent_that_was_never_received_is_a_ghost_without_subject_and_is_not_counted()
    {
        // The [GIT PULL 01/42..] mails answer a cover letter (…-1-imbrenda@linux.ibm.com) that never reached the list.
        var pull = await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/threads/20220721161302.156182-2-imbrenda@linux.ibm.com", Ct);
        var handMade = await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/threads/" + HandMadeMail.ReplyToGhostId, Ct);

        var root = pull.GetProperty("messages")[0];
        Assert.Equal(("20220721161302.156182-1-imbrenda@linux.ibm.com", true), (root.GetProperty("messageId").GetString(), root.GetProperty("isGhost").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("subject").ValueKind);
        Assert.Equal((19, 20), (pull.GetProperty("messageCount").GetInt32(), pull.GetProperty("messages").GetArrayLength()));
        Assert.Equal((HandMadeMail.GhostParentId, 1), (handMade.GetProperty("rootMessageId").GetString(), handMade.GetProperty("messageCount").GetInt32()));
    }

    [Fact]
    public async Task Unknown_message_has_no_thread_and_answers_404_problem_json()
    {
        using var response = await archive.Client.GetAsync("/api/v1/threads/no-such-thread%40example.org", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(OddIds))]
    public async Task Thread_of_a_message_id_with_url_characters_round_trips(string messageId)
    {
        var thread = await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/threads/" + Uri.EscapeDataString(messageId), Ct);

        Assert.Equal(messageId, thread.GetProperty("rootMessageId").GetString());
    }

    [Fact]
    public async Task Thread_list_is_newest_activity_first_with_total_count_and_next_link()
    {
        using var response = await archive.Client.GetAsync($"/api/v1/threads?list={Zpci}&pageSize=10", Ct);
        var threads = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("32", Header(response, "X-Total-Count"));
        Assert.Equal(
            $"</api/v1/threads?list={Zpci}&page=2&pageSize=10>; rel=\"next\", </api/v1/threads?list={Zpci}&page=1&pageSize=10>; rel=\"first\", "
            + $"</api/v1/threads?list={Zpci}&page=4&pageSize=10>; rel=\"last\"",
            Header(response, "Link"));
        Assert.Equal(10, threads.GetArrayLength());
        var first = threads[0];
        Assert.Equal("20220830083250.25720-1-frankja@linux.ibm.com", first.GetProperty("rootMessageId").GetString());
        Assert.Equal("[GIT PULL 1/1] KVM: s390: pci: Hook to access KVM lowlevel from VFIO", first.GetProperty("subject").GetString());
        var activity = threads.EnumerateArray().Select(t => t.GetProperty("lastActivity").GetDateTimeOffset()).ToList();
        Assert.Equal(activity.OrderDescending(), activity);
    }

    [Fact]
    public async Task Second_page_links_back_and_forward_keeping_the_other_parameters()
    {
        using var response = await archive.Client.GetAsync($"/api/v1/threads?pageSize=10&page=2&list={Zpci}", Ct);

        var link = Header(response, "Link");
        Assert.Contains($"</api/v1/threads?list={Zpci}&page=3&pageSize=10>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains($"</api/v1/threads?list={Zpci}&page=1&pageSize=10>; rel=\"prev\"", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Last_page_has_a_prev_link_and_no_next_link()
    {
        using var response = await archive.Client.GetAsync($"/api/v1/threads?list={Zpci}&pageSize=10&page=4", Ct);
        var threads = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(2, threads.GetArrayLength());
        Assert.DoesNotContain("rel=\"next\"", Header(response, "Link"), StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", Header(response, "Link"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Since_and_until_bound_the_last_activity()
    {
        var threads = await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/threads?since=2022-05-01&until=2022-06-01", Ct);

        Assert.Equal(
            [
                "20220524185907.140285-1-mjrosato@linux.ibm.com",
                "20220513191509.272897-1-mjrosato@linux.ibm.com",
                V6Cover,
                "20220505083839.1315705-1-schnelle@linux.ibm.com",
            ],
            threads.EnumerateArray().Select(t => t.GetProperty("rootMessageId").GetString()));
    }

    [Fact]
    public async Task Thread_summary_counts_messages_and_lists_participants()
    {
        var threads = await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/threads?since=2022-05-06T16:00:00Z&until=2022-05-06T16:05:00Z", Ct);
        var v6 = Assert.Single(threads.EnumerateArray());

        Assert.Equal(V6Cover, v6.GetProperty("rootMessageId").GetString());
        Assert.Equal("[PATCH v6 00/21] KVM: s390: enable zPCI for interpretive execution", v6.GetProperty("subject").GetString());
        Assert.Equal("2022-04-26T20:08:21Z", v6.GetProperty("date").GetString());
        // Christian Borntraeger's reply to 17/21, Date: Fri, 6 May 2022 18:02:56 +0200
        Assert.Equal("2022-05-06T16:02:56Z", v6.GetProperty("lastActivity").GetString());
        Assert.Equal(39, v6.GetProperty("messageCount").GetInt32());
        Assert.Equal(
            ["mjrosato@linux.ibm.com", "lkp@intel.com", "jgg@nvidia.com", "borntraeger@linux.ibm.com"],
            v6.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("email").GetString()));
    }

    [Theory]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=2022-13-45", "until")]
    [InlineData("since=2022-06-01&until=2022-05-01", "until")]
    public async Task Bad_parameter_is_a_400_validation_problem_naming_it(string query, string parameter)
    {
        using var response = await archive.Client.GetAsync("/api/v1/threads?" + query, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Parameter_that_is_not_a_number_is_a_400_problem_naming_it()
    {
        using var response = await archive.Client.GetAsync("/api/v1/threads?page=abc", Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("page", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> OddIds => [.. HandMadeMail.OddIds];

    static string Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";
}
