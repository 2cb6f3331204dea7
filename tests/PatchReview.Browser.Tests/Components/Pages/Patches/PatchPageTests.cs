using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatchReview.Browser.Tests.Components.Pages.Patches;

public sealed class PatchPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // [PATCH v7 17/22] and [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks, in zpci-series.mbox.gz.
    const string V7Hooks = "20220513191509.272897-18-mjrosato@linux.ibm.com";
    const string V6Hooks = "20220426200842.98655-17-mjrosato@linux.ibm.com";

    [Fact]
    public async Task Choosing_v6_shows_the_interdiff_with_removed_and_added_lines_coloured()
    {
        var page = await browser.OpenAsync("/p/" + V7Hooks);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("vfio-pci/zdev: add open/close device hooks");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Interdiff", Exact = true })).ToHaveCountAsync(0);

        await page.GetByLabel("Compare with").SelectOptionAsync(new SelectOptionValue { Label = "v6 16/21" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show interdiff" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("\\?against=" + Regex.Escape(V6Hooks).Replace("@", "(@|%40)", StringComparison.Ordinal) + "$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Interdiff from v6 16/21 to v7 17/22" })).ToBeVisibleAsync();
        var interdiff = page.GetByRole(AriaRole.Region, new() { Name = "Interdiff", Exact = true });
        await Expect(interdiff).ToBeVisibleAsync();
        // v6 looked the function up with symbol_get(); v7 calls it, and unregisters on close.
        var removed = interdiff.GetByRole(AriaRole.Row).Filter(new() { HasText = "fn = symbol_get(kvm_s390_pci_register_kvm);" });
        var added = interdiff.GetByRole(AriaRole.Row).Filter(new() { HasTextRegex = new Regex(@"^\+\+\s*kvm_s390_pci_unregister_kvm\(zdev\);$") });
        await Expect(removed).ToHaveCountAsync(1);
        await Expect(added).ToHaveCountAsync(1);
        await Expect(removed).ToHaveCSSAsync("background-color", "rgb(255, 235, 233)");
        await Expect(added).ToHaveCSSAsync("background-color", "rgb(230, 255, 236)");
        // The patch's own diff is still below, with its line numbers.
        var diff = page.GetByRole(AriaRole.Region, new() { Name = "Diff", Exact = true });
        await Expect(diff.GetByRole(AriaRole.Row).Filter(new() { HasTextRegex = new Regex(@"^\s*150\s*\+\s*if \(data\) \{$") })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Jason_s_comment_shows_below_the_symbol_get_line_he_quoted_with_its_fate_in_later_versions()
    {
        var page = await browser.OpenAsync("/p/" + V6Hooks);
        var diff = page.GetByRole(AriaRole.Region, new() { Name = "Diff", Exact = true });
        var symbolGet = diff.GetByRole(AriaRole.Row).Filter(new() { HasTextRegex = new Regex(@"^\s*152\s*\+\s*fn = symbol_get\(kvm_s390_pci_register_kvm\);$") });
        // His first comment; his follow-ups in the same exchange are indented below it.
        var comment = diff.GetByLabel("Comment by Jason Gunthorpe").First;

        await Expect(symbolGet).ToBeVisibleAsync();
        await Expect(comment).ToBeVisibleAsync();
        await Expect(comment).ToContainTextAsync("Is it possible this function can be in statically linked arch code?");
        await Expect(comment.GetByText("v7: lines removed")).ToBeVisibleAsync();
        // Below the quoted lines (152 symbol_get ... 159 symbol_put), above the next line of the diff.
        var line = await symbolGet.BoundingBoxAsync();
        var box = await comment.BoundingBoxAsync();
        var next = await diff.GetByRole(AriaRole.Row).Filter(new() { HasTextRegex = new Regex(@"^\s*160\s*\+\s*\}$") }).BoundingBoxAsync();
        Assert.InRange(box!.Y, line!.Y + line.Height, next!.Y);
        await Expect(diff.GetByLabel("Comment by Matthew Rosato").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Neighbour_and_other_version_links_lead_to_those_patches()
    {
        var page = await browser.OpenAsync("/p/" + V7Hooks);

        await page.GetByRole(AriaRole.Link, new() { Name = "v6 16/21", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape("/p/" + V6Hooks) + "$"));
        await Expect(page.GetByText("v6, patch 16 of 21")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "17/21 →" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("vfio-pci/zdev: add function handle to clp base capability");
    }
}
