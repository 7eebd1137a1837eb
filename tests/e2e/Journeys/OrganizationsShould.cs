using System.Text.RegularExpressions;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class OrganizationsShould(BrowserFixture browser, SharedPortal shared) : IClassFixture<SharedPortal>
{
    private PortalProcess Portal => shared.Portal;

    [Fact]
    public async Task Create_odeon_and_watch_it_provision_into_an_active_organization_with_its_own_seeded_database()
    {
        await browser.RunAsync(nameof(Create_odeon_and_watch_it_provision_into_an_active_organization_with_its_own_seeded_database), async page =>
        {
            await SignInAsync(page);
            await page.GotoAsync(Portal.Url(path: "/admin/organizations"));
            await page.GetByRole(AriaRole.Button, new() { Name = "New organization" }).ClickAsync();

            await page.GetByLabel("Organization name").PressSequentiallyAsync("Odeon Cinemas");
            await Expect(page.GetByLabel("Subdomain")).ToHaveValueAsync("odeon-cinemas");
            await page.GetByLabel("Subdomain").FillAsync("");
            await page.GetByLabel("Subdomain").PressSequentiallyAsync("odeon");
            await Expect(page.GetByTestId("slug-status")).ToContainTextAsync("Available");

            await page.GetByLabel("SIC 2007 code").PressSequentiallyAsync("5914");
            await page.Locator("#sic-options button[data-code='59140']").ClickAsync();
            await Expect(page.GetByLabel("SIC 2007 code")).ToHaveValueAsync("59140");
            await Expect(page.GetByTestId("sic-chosen")).ToContainTextAsync("Motion picture projection activities");
            await Expect(page.GetByLabel("Industry pack")).ToHaveValueAsync("cinema");

            await page.GetByLabel("First admin's email").FillAsync("admin@odeon.test");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create organization" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(Portal.Url(path: "/admin/organizations/odeon"));
            await Expect(page.GetByTestId("organization-status")).ToHaveTextAsync("Active", new() { Timeout = 30_000 });
            await Expect(page.Locator("#progress li[data-outcome='Succeeded']")).ToHaveCountAsync(5);
            await Expect(page.GetByTestId("organization-links")).ToContainTextAsync("odeon.localhost");
            await Expect(page.GetByTestId("organization-pack")).ToHaveTextAsync("Cinema");

            await page.GotoAsync(Portal.Url(path: "/admin/outbox"));
            var invitation = page.Locator("[data-testid=outbox-message][data-to='admin@odeon.test']");
            await Expect(invitation).ToContainTextAsync("You are invited to manage Odeon Cinemas");
            await Expect(invitation.GetByTestId("outbox-link")).ToHaveAttributeAsync("href", new Regex($"^http://odeon\\.localhost:{Portal.Port}/invitations/accept\\?token="));
        });

        var database = await PortalDatabase.OrganizationDatabaseAsync(Portal, "odeon");
        Assert.True(await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM \"Competitors\"", database) >= 3);
        Assert.Equal(0, await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM \"Competitors\" WHERE \"Name\" LIKE 'Odeon%'", database));
        Assert.True(await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM \"Offerings\"", database) >= 3);
        Assert.Equal(1, await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM \"Invitations\" WHERE \"Email\" = 'admin@odeon.test'"));
    }

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(Portal.Url(path: "/account/login"));
        await page.GetByLabel("Email").FillAsync(PortalProcess.SuperAdminEmail);
        await page.GetByLabel("Password").FillAsync(PortalProcess.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Portal.Url(path: "/admin"));
    }
}
