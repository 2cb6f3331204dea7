using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatchReview.Testing;
using static Microsoft.Playwright.Assertions;

namespace PatchReview.Browser.Tests.Components.Pages.Series;

public sealed class SeriesPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    const string Zpci = "KVM: s390: enable zPCI for interpretive execution";

    [Fact]
    public async Task Choosing_v7_in_the_version_switcher_lists_the_22_patches_of_v7()
    {
        var page = await browser.OpenAsync("/series");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Series" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = Zpci, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Zpci);
        // The page opens at v9, the latest version: 21 patches.
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Patches of v9" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(22);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Versions" }).GetByRole(AriaRole.Link, new() { Name = "v7", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/series/\d+\?v=7$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "v7", Exact = true, Level = 2 })).ToBeVisibleAsync();
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Patches of v7" }).GetByRole(AriaRole.Row);
        // A header row and one row per patch.
        await Expect(rows).ToHaveCountAsync(1 + ZpciSeries.V7Titles.Length);
        for (var i = 0; i < ZpciSeries.V7Titles.Length; i++)
        {
            await Expect(rows.Nth(i + 1).GetByRole(AriaRole.Cell).First).ToHaveTextAsync($"{i + 1}/22");
            await Expect(rows.Nth(i + 1).GetByRole(AriaRole.Link, new() { Name = ZpciSeries.V7Titles[i], Exact = true })).ToBeVisibleAsync();
        }
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Versions" }).GetByRole(AriaRole.Link, new() { Name = "v7", Exact = true }))
            .ToHaveAttributeAsync("aria-current", "page");
    }
}
