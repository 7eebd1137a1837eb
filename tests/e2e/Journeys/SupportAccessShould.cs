using System.Net;
using System.Text.RegularExpressions;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>
/// Support access in Chromium: a super admin finds Odeon's admin, gives a reason, sees Odeon as her with the banner on
/// every page, invites someone (audited as "root as admin"), is refused her account page, stops and is back as
/// themselves. Odeon's admin cannot start it, and switches it off on /settings; then it is refused with that reason.
/// </summary>
public sealed class SupportAccessShould(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Reason = "Ticket 42: the users page looks empty";

    [Fact]
    public async Task Let_a_super_admin_view_as_a_member_with_a_reason_and_let_the_organization_refuse_it()
    {
        await using var portal = await PortalProcess.StartAsync();
        using (var superAdmin = await PortalClient.SignedInAsync(portal))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await superAdmin.CreateOrganizationAsync("Odeon Cinemas", "odeon")).StatusCode);
        }

        await PortalClient.AcceptInvitationAsync(portal, await PortalDatabase.InvitationLinkAsync(portal, "admin@odeon.test"), "Olive Odeon");

        var viewAsUrl = "";
        await browser.RunAsync("support-view-as", async root =>
        {
            await SignInPage.SignInAsync(root, portal);
            await root.GotoAsync(portal.Url(path: "/admin/organizations/odeon"));
            await root.GetByLabel("Search members").FillAsync("olive");
            await root.GetByLabel("Search members").PressAsync("Enter");
            await root.GetByRole(AriaRole.Link, new() { Name = "View as admin@odeon.test" }).ClickAsync();
            viewAsUrl = root.Url;

            await root.GetByRole(AriaRole.Button, new() { Name = "View as this person" }).ClickAsync();
            await Expect(root.GetByTestId("reason-error")).ToContainTextAsync("Say why");
            await root.GetByLabel("Reason").FillAsync(Reason);
            await root.GetByRole(AriaRole.Button, new() { Name = "View as this person" }).ClickAsync();

            await Expect(root).ToHaveURLAsync(portal.Url(path: "/o/odeon/"));
            var banner = root.GetByTestId("support-banner");
            await Expect(banner).ToContainTextAsync("Viewing as Olive Odeon");
            await Expect(banner).ToContainTextAsync(Reason);
            await Screens.CaptureAsync(root, "support-access-banner-desktop");

            await root.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).First.ClickAsync();
            await Expect(banner).ToBeVisibleAsync(); // on every page
            await UsersPage.InviteAsync(root, "new.starter@odeon.test", "User");

            await root.GotoAsync(portal.Url(path: "/o/odeon/audit"));
            await Expect(root.GetByTestId("audit-who").First).ToHaveTextAsync($"{PortalProcess.SuperAdminEmail} as admin@odeon.test");

            var account = await root.GotoAsync(portal.Url(path: "/account/me"));
            Assert.Equal(403, account?.Status);
            await Expect(root.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not during support access");

            await root.GotoAsync(portal.Url(path: "/o/odeon/"));
            await root.GetByTestId("support-stop").ClickAsync();
            await Expect(root).ToHaveURLAsync(portal.Url(path: "/admin/organizations/odeon"));
            await Expect(root.GetByTestId("notice")).ToHaveTextAsync("You have stopped viewing as them.");
            await Expect(root.GetByTestId("support-banner")).ToHaveCountAsync(0);

            await root.GotoAsync(portal.Url(path: "/admin/audit?organization=odeon"));
            await Expect(root.GetByTestId("audit-log")).ToContainTextAsync("support.started");
            await Expect(root.GetByTestId("audit-log")).ToContainTextAsync("support.ended");
            await Expect(root.GetByTestId("audit-log")).ToContainTextAsync($"{PortalProcess.SuperAdminEmail} as admin@odeon.test");
        });

        await browser.RunAsync("support-switched-off", async olive =>
        {
            await SignInPage.SignInAsync(olive, portal, "admin@odeon.test");
            Assert.Equal(403, (await olive.GotoAsync(viewAsUrl))?.Status); // not a super admin

            await olive.GotoAsync(portal.Url(path: "/o/odeon/settings"));
            await olive.GetByTestId("allow-support-access").UncheckAsync();
            await olive.GetByTestId("allow-support-access").Locator("xpath=ancestor::form").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(olive.GetByTestId("notice")).ToContainTextAsync("Support access is off");
        });

        await browser.RunAsync("support-refused", async root =>
        {
            await SignInPage.SignInAsync(root, portal);
            await root.GotoAsync(portal.Url(path: "/admin/organizations/odeon"));
            await Expect(root.GetByTestId("support-switched-off")).ToContainTextAsync("switched support access off");
            await root.GotoAsync(viewAsUrl);
            await Expect(root.GetByTestId("view-as-refused")).ToContainTextAsync("Odeon Cinemas has switched support access off");
            await Expect(root.GetByRole(AriaRole.Button, new() { Name = "View as this person" })).ToHaveCountAsync(0);
        });
    }
}
