using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PatchReview.Data.Accounts;
using PatchReview.Data.Queries;

namespace PatchReview.Web.Tests.Security;

/// <summary>Maintainers sign in with a cookie for the pages and use a bearer token for the API; visitors only read.</summary>
public sealed class MaintainerSignInTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    const string Title = "Use CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get";
    const string Password = MaintainerBrowser.Password;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<DecisionRecord> ZpciDecisionAsync()
    {
        var series = (await archive.Database.Get<SeriesQueries>().ListSeriesAsync(new SeriesFilter("zpci for interpretive", null, null), new PageRequest(1, 5), Ct)).Items.Single();
        return (await archive.Database.Get<ReviewQueries>().GetSeriesDecisionsAsync(series.Id, Ct))!.Single(d => d.Title == Title || d.Steps.Any(s => s.Quote == "+config VFIO_PCI_ZDEV_KVM"));
    }

    async Task<string> MaintainerAsync(string name)
    {
        var accounts = archive.Database.Get<MaintainerAccounts>();
        if (await accounts.SignInAsync(name, Password, Ct) is null)
        {
            await accounts.AddAsync(name, Password, Ct);
        }
        return name;
    }

    HttpClient Browser() => MaintainerBrowser.Visitor(archive);

    Task<HttpClient> SignedInAsync(string name) => MaintainerBrowser.SignedInAsync(archive, name);

    [Fact]
    public async Task A_visitor_sees_no_review_buttons_and_a_signed_in_maintainer_confirms_the_decision_with_a_title()
    {
        var decision = await ZpciDecisionAsync();
        var name = await MaintainerAsync("mrosato");
        using var visitor = Browser();
        using var maintainer = await SignedInAsync(name);

        var anonymous = await visitor.GetStringAsync($"/decisions/{decision.Id}", Ct);
        var page = await maintainer.GetStringAsync($"/decisions/{decision.Id}", Ct);
        using var posted = await maintainer.PostAsync($"/decisions/{decision.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "review",
            ["__RequestVerificationToken"] = MaintainerBrowser.TokenIn(page),
            ["Verdict"] = "confirm",
            ["Title"] = "Split vfio-pci-zdev's KVM part under CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get",
        }), Ct);

        Assert.DoesNotContain("Review this decision", anonymous, StringComparison.Ordinal);
        Assert.Contains(">Sign in</a>", anonymous, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Review this decision\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var reviewed = (await archive.Database.Get<ReviewQueries>().GetDecisionAsync(decision.Id, Ct))!;
        Assert.Equal(("confirmed", "Split vfio-pci-zdev's KVM part under CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get"), (reviewed.Review, reviewed.Title));
        Assert.Contains("Confirmed by a maintainer", await visitor.GetStringAsync($"/decisions/{decision.Id}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_posted_without_the_antiforgery_token_is_refused()
    {
        var decision = await ZpciDecisionAsync();
        using var maintainer = await SignedInAsync(await MaintainerAsync("jgg"));

        using var forged = await maintainer.PostAsync($"/decisions/{decision.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "review",
            ["Verdict"] = "reject",
        }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_signs_nobody_in()
    {
        await MaintainerAsync("niklas");
        using var browser = Browser();
        var form = await browser.GetStringAsync("/login", Ct);

        using var response = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = MaintainerBrowser.TokenIn(form),
            ["UserName"] = "niklas",
            ["Password"] = "not the password at all",
        }), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That user name and password do not match a maintainer.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_review_api_answers_401_without_a_token_and_records_the_verdict_with_one()
    {
        var decision = await ZpciDecisionAsync();
        var token = await archive.Database.Get<MaintainerAccounts>().AddTokenAsync(await MaintainerAsync("borntraeger"), "test", Ct);
        var url = $"/api/v1/decisions/{decision.Id}/review";

        using var anonymous = await archive.Client.PostAsJsonAsync(url, new { verdict = "reject" }, Ct);
        using var badToken = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { verdict = "reject" }) };
        badToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "prt_not-a-token");
        using var refused = await archive.Client.SendAsync(badToken, Ct);
        using var signedInBrowser = await SignedInAsync(await MaintainerAsync("mrosato"));
        using var cookieOnly = await signedInBrowser.PostAsJsonAsync(url, new { verdict = "reject" }, Ct);
        using var bad = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { verdict = "maybe" }) };
        bad.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var invalid = await archive.Client.SendAsync(bad, Ct);
        using var good = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { verdict = "reject" }) };
        good.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var accepted = await archive.Client.SendAsync(good, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // A browser's cookie is no credential for the API: any page could post with it.
        Assert.Equal(HttpStatusCode.Unauthorized, cookieOnly.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("rejected", (await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("review").GetString());
    }

    [Fact]
    public async Task With_RequireSignIn_a_visitor_is_sent_to_the_sign_in_page_and_the_api_answers_401()
    {
        await using var factory = new WebFactory(archive.Database, settings: new Dictionary<string, string?> { ["Security:RequireSignIn"] = "true" });
        factory.StartServer();
        using var visitor = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = factory.CreateClient().BaseAddress };
        var token = await archive.Database.Get<MaintainerAccounts>().AddTokenAsync(await MaintainerAsync("reader"), "test", Ct);

        using var page = await visitor.GetAsync("/series", Ct);
        using var signIn = await visitor.GetAsync("/login", Ct);
        using var health = await visitor.GetAsync("/healthz", Ct);
        using var api = await visitor.GetAsync("/api/v1/series", Ct);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/api/v1/series");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var allowed = await visitor.SendAsync(withToken, Ct);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", new Uri(visitor.BaseAddress!, page.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
