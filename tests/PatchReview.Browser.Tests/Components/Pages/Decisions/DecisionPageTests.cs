using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatchReview.Browser.Tests.Components.Pages.Decisions;

public sealed class DecisionPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    const string Zpci = "KVM: s390: enable zPCI for interpretive execution";
    const string Title = "Use CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get";

    [Fact]
    public async Task From_the_zpci_series_page_the_CONFIG_VFIO_PCI_ZDEV_KVM_decision_shows_every_step_of_its_chain()
    {
        var page = await browser.OpenAsync("/series");
        await page.GetByRole(AriaRole.Link, new() { Name = Zpci, Exact = true }).ClickAsync();
        var decisions = page.GetByRole(AriaRole.Region, new() { Name = "Design decisions" });

        await decisions.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        var chain = page.GetByRole(AriaRole.Region, new() { Name = "Evidence" }).GetByRole(AriaRole.Listitem);
        await Expect(chain).ToHaveCountAsync(8);
        await Expect(chain.Nth(0)).ToHaveAccessibleNameAsync("Question by Jason Gunthorpe in v6");
        await Expect(chain.Nth(0)).ToContainTextAsync("can you just have a direct dependency here?");
        await Expect(chain.Nth(2)).ToHaveAccessibleNameAsync("Proposal by Matthew Rosato in v6");
        await Expect(chain.Nth(2)).ToContainTextAsync("I can use e.g. CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM");
        await Expect(chain.Nth(3)).ToHaveAccessibleNameAsync("Agreement by Jason Gunthorpe in v6");
        await Expect(chain.Nth(4)).ToHaveAccessibleNameAsync("Agreement by Christian Borntraeger in v6");
        await Expect(chain.Nth(5)).ToContainTextAsync("avoid some symbol_get messiness");
        await Expect(chain.Nth(6)).ToContainTextAsync("+config VFIO_PCI_ZDEV_KVM");
        await Expect(chain.Nth(7)).ToContainTextAsync("symbol_get(kvm_s390_pci_register_kvm);");

        // Each step links to its mail; the proposal leads to the seed reply.
        await chain.Nth(2).GetByRole(AriaRole.Link, new() { Name = "mail" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Quote level 4: Matthew Rosato wrote" })).ToBeVisibleAsync();
    }
}
