using MarketEdge.Portal.Tests.Support;
using System.Net;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>Odeon and Vue, two cinema chains on one portal: each sees its own data only.</summary>
public sealed class TwoChainsShould(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Show_each_chain_its_own_data_to_the_super_admin_switching_and_to_odeons_admin_on_its_subdomain()
    {
        await using var portal = await PortalProcess.StartAsync();
        using (var admin = await PortalClient.SignedInAsync(portal))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.CreateOrganizationAsync("Odeon Cinemas", "odeon")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await admin.CreateOrganizationAsync("Vue Cinemas", "vue")).StatusCode);
            await WaitForActiveAsync(portal, 2);
            // Each chain's data changed so the two differ beyond their seed.
            await admin.PostFormAsync("/o/vue/competitors", "/o/vue/competitors?handler=Add", ("name", "Vue-only Rival"), ("location", "Leeds"));
        }

        var invitationLink = await PortalDatabase.InvitationLinkAsync(portal, "admin@odeon.test");

        await browser.RunAsync("odeon-admin-on-its-subdomain", async page =>
        {
            await page.GotoAsync(invitationLink);
            await Expect(page.GetByTestId("invited-email")).ToHaveTextAsync("admin@odeon.test");
            await page.GetByLabel("Your name").FillAsync("Olive Odeon");
            await page.GetByLabel("Choose a password").FillAsync(PortalProcess.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Accept and sign in" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(portal.Url("odeon.localhost", "/"));
            await Expect(page.GetByTestId("organization-title")).ToHaveTextAsync("Odeon Cinemas");
            await page.GetByRole(AriaRole.Link, new() { Name = "manage" }).ClickAsync();
            await page.GetByLabel("Name").FillAsync("Odeon-only Rival");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add competitor cinema" }).ClickAsync();
            await Expect(page.GetByTestId("competitor-list")).ToContainTextAsync("Odeon-only Rival");

            foreach (var path in new[] { "/", "/competitors", "/modules/ticket-price-tracking" })
            {
                await page.GotoAsync(portal.Url("odeon.localhost", path));
                await Expect(page.Locator("body")).Not.ToContainTextAsync("Vue Cinemas");
                await Expect(page.Locator("body")).Not.ToContainTextAsync("Vue-only Rival");
            }

            await page.GotoAsync(portal.Url("odeon.localhost", "/"));
            await Expect(page.GetByTestId("competitors")).ToContainTextAsync("Odeon-only Rival");
            await Expect(page.GetByTestId("switcher").Locator("[data-slug]")).ToHaveCountAsync(1);
        });

        await browser.RunAsync("super-admin-switching", async page =>
        {
            await SignInPage.SignInAsync(page, portal);
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/admin"));

            await SwitchToAsync(page, "Vue", "vue");
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/o/vue/"));
            await Expect(page.GetByTestId("organization-title")).ToHaveTextAsync("Vue Cinemas");
            await Expect(page.GetByTestId("competitors")).ToContainTextAsync("Vue-only Rival");
            await Expect(page.GetByTestId("competitors")).Not.ToContainTextAsync("Odeon-only Rival");

            await SwitchToAsync(page, "Odeon", "odeon");
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/o/odeon/"));
            await Expect(page.GetByTestId("competitors")).ToContainTextAsync("Odeon-only Rival");
            await Expect(page.GetByTestId("competitors")).Not.ToContainTextAsync("Vue-only Rival");
            await Expect(page.GetByTestId("switcher").Locator("[aria-current=true]")).ToHaveAttributeAsync("data-slug", "odeon");
        });
    }

    private static async Task SwitchToAsync(IPage page, string search, string slug)
    {
        var switcher = page.GetByTestId("switcher");
        await switcher.Locator("summary").ClickAsync();
        await switcher.GetByLabel("Search organizations").PressSequentiallyAsync(search);
        await Expect(switcher.Locator("[data-slug]")).ToHaveCountAsync(1);
        await switcher.Locator($"[data-slug='{slug}']").ClickAsync();
    }

    private static Task WaitForActiveAsync(PortalProcess portal, int count) =>
        Eventually.ReachedAsync(() => PortalDatabase.CountAsync(portal, "SELECT count(*) FROM \"Organizations\" WHERE \"Status\" = 'Active'"),
            active => active == count, TimeSpan.FromSeconds(60), active => $"{active} of {count} organizations active after a minute");

}
