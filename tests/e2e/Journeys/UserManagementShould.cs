using System.Net;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>A client admin brings their team in and manages it, in Chromium, on the organization's subdomain.</summary>
public sealed class UserManagementShould(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Let_the_client_admin_invite_a_user_and_a_viewer_and_manage_them_within_the_rules()
    {
        await using var portal = await PortalProcess.StartAsync();
        using (var superAdmin = await PortalClient.SignedInAsync(portal))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await superAdmin.CreateOrganizationAsync("Odeon Cinemas", "odeon")).StatusCode);
        }

        string adminLink = "";
        await browser.RunAsync("super-admin-reads-outbox", async page =>
        {
            await PortalDatabase.InvitationLinkAsync(portal, "admin@odeon.test"); // provisioning has queued it
            await SignInPage.SignInAsync(page, portal);
            await page.GotoAsync(portal.Url(path: "/admin/outbox"));
            var link = page.Locator("[data-testid=outbox-message][data-to='admin@odeon.test'] [data-testid=outbox-link]");
            await Expect(link).ToHaveCountAsync(1);
            adminLink = (await link.GetAttributeAsync("href"))!;
        });
        Assert.StartsWith(portal.Url("odeon.localhost", "/invitations/accept"), adminLink);

        await browser.RunAsync("client-admin", async admin =>
        {
            await AcceptAsync(admin, adminLink, "Olive Odeon");
            await admin.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
            await InviteAsync(admin, "user@odeon.test", "User");
            await InviteAsync(admin, "viewer@odeon.test", "Viewer");
            await Expect(admin.GetByTestId("invitations").Locator("tr[data-email]")).ToHaveCountAsync(2);

            await browser.RunAsync("user", async user =>
            {
                await AcceptAsync(user, await PortalDatabase.InvitationLinkAsync(portal, "user@odeon.test"), "Uma User");
                await Expect(user.GetByTestId("organization-title")).ToHaveTextAsync("Odeon Cinemas");
                var refused = await user.GotoAsync(portal.Url("odeon.localhost", "/users"));
                Assert.Equal(403, refused?.Status);
            });

            await browser.RunAsync("viewer", async viewer =>
            {
                await AcceptAsync(viewer, await PortalDatabase.InvitationLinkAsync(portal, "viewer@odeon.test"), "Vic Viewer");
                await admin.ReloadAsync();
                var viewerRow = admin.Locator("[data-testid=members] tr[data-email='viewer@odeon.test']");
                await viewerRow.GetByTestId("role-select").SelectOptionAsync("User");
                await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Role changed.");
                await Expect(viewerRow.GetByTestId("role-select")).ToHaveValueAsync("User");

                await viewerRow.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
                await Expect(viewerRow.GetByTestId("member-status")).ToHaveTextAsync("Deactivated");
                var shutOut = await viewer.ReloadAsync();
                Assert.Equal(403, shutOut?.Status);

                await viewerRow.GetByRole(AriaRole.Button, new() { Name = "Reactivate" }).ClickAsync();
                await Expect(viewerRow.GetByTestId("member-status")).ToHaveTextAsync("Active");
                var back = await viewer.ReloadAsync();
                Assert.Equal(200, back?.Status);
            });

            var adminRow = admin.Locator("[data-testid=members] tr[data-email='admin@odeon.test']");
            await adminRow.GetByTestId("role-select").SelectOptionAsync("User");
            await Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("at least one active Admin");
            await Expect(adminRow.GetByTestId("role-select")).ToHaveValueAsync("Admin");
        });
    }

    private static async Task AcceptAsync(IPage page, string link, string name)
    {
        await page.GotoAsync(link);
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Choose a password").FillAsync(PortalProcess.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and sign in" }).ClickAsync();
        await Expect(page.GetByTestId("organization-title")).ToBeVisibleAsync();
    }

    private static async Task InviteAsync(IPage admin, string email, string role)
    {
        await UsersPage.InviteAsync(admin, email, role);
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {email}.");
    }

}
