using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatchReview.Browser.Tests.Components.Pages.Threads;

public sealed class ThreadListTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Thread_list_filters_by_date_and_links_to_the_thread_page()
    {
        var page = await browser.OpenAsync("/");

        await page.GetByLabel("Active since").FillAsync("2022-05-01");
        await page.GetByLabel("Active before").FillAsync("2022-06-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("since=2022-05-01&until=2022-06-01"));
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row)).ToHaveCountAsync(5);
        await page.GetByRole(AriaRole.Link, new() { Name = "[PATCH v6 00/21] KVM: s390: enable zPCI for interpretive execution" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("[PATCH v6 00/21] KVM: s390: enable zPCI for interpretive execution");
        await Expect(page.GetByRole(AriaRole.Article)).ToHaveCountAsync(39);
    }
}
