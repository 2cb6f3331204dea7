using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatchReview.Browser.Tests.Components.Pages.Threads;

public sealed class ThreadPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks, in zpci-series.mbox.gz.
    const string Patch16 = "20220426200842.98655-17-mjrosato@linux.ibm.com";
    const string Subject = "[PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks";

    [Fact]
    public async Task Thread_of_patch_16_nests_jason_gunthorpes_reply_below_the_patch_and_matthew_rosatos_answer_below_it()
    {
        var page = await browser.OpenAsync("/t/" + Patch16);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "[PATCH v6 00/21] KVM: s390: enable zPCI for interpretive execution", Level = 1 })).ToBeVisibleAsync();
        var patch = page.GetByRole(AriaRole.Article, new() { Name = $"Matthew Rosato, 2022-04-26 20:08: {Subject}", Exact = true });
        await Expect(patch.GetByRole(AriaRole.Heading, new() { Name = Subject, Exact = true })).ToBeVisibleAsync();
        var jason = patch.GetByRole(AriaRole.Article, new() { Name = $"Jason Gunthorpe, 2022-04-27 14:04: Re: {Subject}", Exact = true });
        await Expect(jason).ToHaveCountAsync(1);
        var matthew = jason.GetByRole(AriaRole.Article, new() { Name = $"Matthew Rosato, 2022-04-27 14:42: Re: {Subject}", Exact = true });
        await Expect(matthew).ToBeVisibleAsync();
        await Expect(matthew.GetByRole(AriaRole.Link, new() { Name = $"Re: {Subject}", Exact = true }).First)
            .ToHaveAttributeAsync("href", "/m/f6c78792-9cf7-0cde-f760-76166f9b7eb7@linux.ibm.com");
        // Patch 17/21 is a sibling of 16/21, not a reply to it.
        await Expect(patch.GetByRole(AriaRole.Article, new() { Name = "[PATCH v6 17/21]" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_folded_quote_under_its_writer_s_name_opens_when_clicked()
    {
        var page = await browser.OpenAsync("/t/" + Patch16);
        var jason = page.GetByRole(AriaRole.Article, new() { Name = $"Jason Gunthorpe, 2022-04-27 14:04: Re: {Subject}", Exact = true });
        // The fourth of the 19 patch lines Jason quotes is inside the folded part.
        var folded = jason.GetByText("struct zpci_dev *zdev = container_of(nb, struct zpci_dev, nb);").First;

        await Expect(folded).ToBeHiddenAsync();
        await Expect(jason.GetByRole(AriaRole.Region, new() { Name = "Quote level 1: Matthew Rosato wrote" }).First).ToBeVisibleAsync();
        await jason.GetByText("15 quoted lines").First.ClickAsync();
        await Expect(folded).ToBeVisibleAsync();
        // His question follows the quote; the replies nested below quote it again.
        await Expect(jason.GetByText("Is it possible this function can be in statically linked arch code?").First).ToBeVisibleAsync();
    }
}
