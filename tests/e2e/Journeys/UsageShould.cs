using System.Net;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>
/// Usage at a glance in Chromium: after Odeon's admin has joined and signed in, a super admin works the figures out and
/// sees them on the admin home (platform totals, provisioning times), in the organization list and on Odeon's admin page.
/// </summary>
public sealed class UsageShould(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Show_members_sign_ins_database_size_and_provisioning_times()
    {
        await using var portal = await PortalProcess.StartAsync();
        using (var superAdmin = await PortalClient.SignedInAsync(portal))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await superAdmin.CreateOrganizationAsync("Odeon Cinemas", "odeon")).StatusCode);
        }

        await PortalClient.AcceptInvitationAsync(portal, await PortalDatabase.InvitationLinkAsync(portal, "admin@odeon.test"), "Olive Odeon");
        await browser.RunAsync("usage-member", async olive =>
        {
            await SignInPage.SignInAsync(olive, portal, "admin@odeon.test", host: "odeon.localhost");
            await Expect(olive.GetByTestId("organization-name")).ToHaveTextAsync("Odeon Cinemas");
        });

        await browser.RunAsync("usage-super-admin", async root =>
        {
            await SignInPage.SignInAsync(root, portal);
            await root.GotoAsync(portal.Url(path: "/admin"));
            await root.GetByRole(AriaRole.Button, new() { Name = "Work the figures out now" }).ClickAsync();
            await Expect(root.GetByTestId("notice")).ToHaveTextAsync("Usage figures worked out again.");
            var platform = root.GetByTestId("platform-usage");
            await Expect(platform.GetByTestId("usage-members-active")).ToHaveTextAsync("1");
            await Expect(platform.GetByTestId("provisioning-times")).ToContainTextAsync("median");
            var signIns = int.Parse((await platform.GetByTestId("sign-ins-chart").GetAttributeAsync("data-total"))!);
            Assert.True(signIns >= 3, $"{signIns} sign-ins"); // the super admin twice, Olive once at least
            await Expect(root.GetByTestId("organizations-by-pack")).ToContainTextAsync("cinema: 1");

            await root.GotoAsync(portal.Url(path: "/admin/organizations"));
            var row = root.Locator("tr[data-slug=odeon]");
            await Expect(row.GetByTestId("row-members")).ToHaveTextAsync("1 / 0");
            await Expect(row.GetByTestId("row-active")).ToHaveTextAsync("1");

            await row.GetByRole(AriaRole.Link, new() { Name = "Odeon Cinemas" }).ClickAsync();
            var usage = root.GetByTestId("usage");
            await Expect(usage.GetByTestId("usage-members")).ToHaveTextAsync("1 active, 0 invited");
            await Expect(usage.GetByTestId("usage-database")).ToContainTextAsync("MB");
            await Expect(usage.Locator("[data-testid=sign-ins-chart] rect")).ToHaveCountAsync(30);
            await Expect(usage.GetByTestId("sign-ins-chart")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"^\d+ sign-ins? in the last 30 days"));
            await usage.ScrollIntoViewIfNeededAsync();
            await Screens.CaptureAsync(root, "usage-organization-desktop");
        });
    }
}
