using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PatchReview.Core.Mail;
using PatchReview.Testing;

namespace PatchReview.Web.Tests.Api;

public sealed class MessagesApiTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    // Matthew Rosato's answer to Jason Gunthorpe on [PATCH v6 16/21], four replies below the patch.
    const string Reply = "1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com";
    const string V6Cover = "20220426200842.98655-1-mjrosato@linux.ibm.com";
    const string V6Patch16 = "20220426200842.98655-17-mjrosato@linux.ibm.com";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static string Url(string messageId) => "/api/v1/messages/" + Uri.EscapeDataString(messageId);

    [Fact]
    public async Task Message_answers_the_headers_threading_and_kind_read_from_the_mail()
    {
        using var response = await archive.Client.GetAsync(Url(Reply), Ct);
        var json = await response.Content.ReadAsStringAsync(Ct);
        var message = JsonDocument.Parse(json).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Reply, message.GetProperty("messageId").GetString());
        Assert.Equal("Re: [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks", message.GetProperty("subject").GetString());
        Assert.Equal("Matthew Rosato", message.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal("mjrosato@linux.ibm.com", message.GetProperty("from").GetProperty("email").GetString());
        Assert.Contains("\"date\":\"2022-04-27T15:26:40Z\"", json, StringComparison.Ordinal);
        Assert.Equal("Wed, 27 Apr 2022 11:26:40 -0400", message.GetProperty("dateHeader").GetString());
        Assert.Equal(["20220427150138.GA2512703@nvidia.com"], Strings(message.GetProperty("inReplyTo")));
        Assert.Equal(
            [V6Cover, V6Patch16, "20220427140410.GX2125828@nvidia.com", "f6c78792-9cf7-0cde-f760-76166f9b7eb7@linux.ibm.com", "20220427150138.GA2512703@nvidia.com"],
            Strings(message.GetProperty("references")));
        Assert.Equal("20220427150138.GA2512703@nvidia.com", message.GetProperty("parentMessageId").GetString());
        Assert.Equal(V6Cover, message.GetProperty("threadRootMessageId").GetString());
        Assert.Equal(["linux-s390.vger.kernel.org"], Strings(message.GetProperty("lists")));
        Assert.StartsWith("On 4/27/22 11:01 AM, Jason Gunthorpe wrote:\n> On Wed, Apr 27, 2022 at 10:42:07AM -0400, Matthew Rosato wrote:",
            message.GetProperty("bodyText").GetString(), StringComparison.Ordinal);
        Assert.True(message.GetProperty("isFlowed").GetBoolean());
        Assert.Equal("reply", message.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("seriesId").ValueKind);
        Assert.Equal(JsonValueKind.Null, message.GetProperty("version").ValueKind);
        Assert.Equal(JsonValueKind.Null, message.GetProperty("patchIndex").ValueKind);
    }

    [Theory]
    [InlineData(V6Cover, "cover", null)]
    [InlineData(V6Patch16, "patch", V6Cover)]
    [InlineData(Reply, "reply", "20220427150138.GA2512703@nvidia.com")]
    public async Task Kind_and_parent_come_from_the_subject_and_headers(string messageId, string kind, string? parent)
    {
        var message = await archive.Client.GetFromJsonAsync<JsonElement>(Url(messageId), Ct);

        Assert.Equal(kind, message.GetProperty("kind").GetString());
        Assert.Equal(parent, message.GetProperty("parentMessageId").GetString());
    }

    [Fact]
    public async Task Raw_answers_the_bytes_of_the_mail_exactly_as_archived()
    {
        var expected = await RawFromCorpusAsync(Reply);

        using var response = await archive.Client.GetAsync(Url(Reply) + "/raw", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message/rfc822", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData("no-such-message@example.org")]
    [InlineData(HandMadeMail.GhostParentId)]
    public async Task Unknown_or_never_received_message_answers_404_problem_json(string messageId)
    {
        foreach (var url in new[] { Url(messageId), Url(messageId) + "/raw" })
        {
            using var response = await archive.Client.GetAsync(url, Ct);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(404, problem.GetProperty("status").GetInt32());
            Assert.Contains(messageId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        }
    }

    [Theory]
    [MemberData(nameof(OddIds))]
    public async Task Message_id_with_slash_plus_percent_dollar_equals_ampersand_round_trips(string messageId)
    {
        var message = await archive.Client.GetFromJsonAsync<JsonElement>(Url(messageId), Ct);
        var raw = await archive.Client.GetByteArrayAsync(Url(messageId) + "/raw", Ct);

        Assert.Equal(messageId, message.GetProperty("messageId").GetString());
        Assert.Equal($"The id is {messageId}.\n", message.GetProperty("bodyText").GetString());
        Assert.Contains($"Message-ID: <{messageId}>", Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_holding_a_literal_percent_2F_is_not_read_as_one_holding_a_slash()
    {
        // Kestrel leaves %2F encoded while decoding %25, so both requests reach routing as "x%2Fy@example.org".
        using var literal = await archive.Client.GetAsync("/api/v1/messages/x%252Fy%40example.org", Ct);
        using var slash = await archive.Client.GetAsync("/api/v1/messages/x%2Fy%40example.org", Ct);

        Assert.Equal("x%2Fy@example.org", (await literal.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("messageId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, slash.StatusCode);
        Assert.Contains("<x/y@example.org>", await slash.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_ids_that_differ_only_in_case_are_two_messages()
    {
        var upper = await archive.Client.GetFromJsonAsync<JsonElement>(Url(HandMadeMail.UpperCaseId), Ct);
        var lower = await archive.Client.GetFromJsonAsync<JsonElement>(Url(HandMadeMail.LowerCaseId), Ct);

        Assert.Equal(("Upper case", "Lower case"), (upper.GetProperty("subject").GetString(), lower.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task Empty_message_id_is_a_validation_problem_naming_the_parameter()
    {
        using var response = await archive.Client.GetAsync("/api/v1/messages/", Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("messageId", out _));
    }

    public static TheoryData<string> OddIds => [.. HandMadeMail.OddIds];

    static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    static async Task<byte[]> RawFromCorpusAsync(string messageId)
    {
        await foreach (var envelope in MailReader.ReadAsync(Corpus.ZpciSeries, Ct))
        {
            if (MessageFingerprint.Compute(envelope.Raw.Span).MessageId == messageId)
            {
                return envelope.Raw.ToArray();
            }
        }
        throw new InvalidOperationException($"<{messageId}> is not in {Corpus.ZpciSeries}.");
    }
}
