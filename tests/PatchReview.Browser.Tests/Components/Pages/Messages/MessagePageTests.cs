using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatchReview.Browser.Tests.Components.Pages.Messages;

public sealed class MessagePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Matthew Rosato's "Re: [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks", four quote levels deep.
    const string Seed = "1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com";

    [Fact]
    public async Task The_seed_reply_shows_four_quote_levels_each_under_its_writer_linked_to_their_message()
    {
        var page = await browser.OpenAsync("/m/" + Seed);

        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Quote level 1: Jason Gunthorpe wrote" }).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Quote level 2: Matthew Rosato wrote" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Quote level 3: Jason Gunthorpe wrote" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Quote level 4: Matthew Rosato wrote" })).ToBeVisibleAsync();
        await Expect(page.GetByText("I can use e.g. CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM", new() { Exact = false })).ToBeVisibleAsync();

        // Each level's name leads to the message it was written in: level 3 is Jason's first reply.
        await page.GetByRole(AriaRole.Region, new() { Name = "Quote level 3: Jason Gunthorpe wrote" })
            .GetByRole(AriaRole.Link, new() { Name = "Jason Gunthorpe" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape("/m/20220427140410.GX2125828") + "(@|%40)nvidia\\.com$"));
        await Expect(page.GetByText("Is it possible this function can be in statically linked arch code?")).ToBeVisibleAsync();
    }
}
