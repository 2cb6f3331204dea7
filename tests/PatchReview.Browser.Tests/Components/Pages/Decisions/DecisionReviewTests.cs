using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatchReview.Data.Accounts;
using static Microsoft.Playwright.Assertions;

namespace PatchReview.Browser.Tests.Components.Pages.Decisions;

public sealed class DecisionReviewTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    const string Zpci = "KVM: s390: enable zPCI for interpretive execution";
    const string Title = "Use CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get";
    const string Password = "a long enough password";

    async Task<IPage> DecisionPageAsync()
    {
        var page = await browser.OpenAsync("/series");
        await page.GetByRole(AriaRole.Link, new() { Name = Zpci, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = "Design decisions" }).GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        return page;
    }

    [Fact]
    public async Task A_maintainer_signs_in_and_confirms_the_decision_while_a_visitor_sees_no_buttons_and_the_api_refuses_him()
    {
        await browser.Database.Get<MaintainerAccounts>().AddAsync("borntraeger", Password, TestContext.Current.CancellationToken);
        var visitor = await DecisionPageAsync();
        await Expect(visitor.GetByRole(AriaRole.Button, new() { Name = "Confirm" })).ToHaveCountAsync(0);
        using var api = new HttpClient { BaseAddress = browser.BaseAddress };
        var id = new Regex(@"/decisions/([^/?#]+)$").Match(visitor.Url).Groups[1].Value;
        using var refused = await api.PostAsJsonAsync($"/api/v1/decisions/{id}/review", new { verdict = "confirm" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var page = await browser.OpenAsync("/series");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("borntraeger");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Account" })).ToContainTextAsync("borntraeger");
        await page.GotoAsync(visitor.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(page.GetByText("Confirmed by a maintainer")).ToBeVisibleAsync();
        await visitor.ReloadAsync();
        await Expect(visitor.GetByText("Confirmed by a maintainer")).ToBeVisibleAsync();
        await Expect(visitor.GetByRole(AriaRole.Button, new() { Name = "Confirm" })).ToHaveCountAsync(0);
    }
}
