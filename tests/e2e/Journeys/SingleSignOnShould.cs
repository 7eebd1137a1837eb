using System.Net;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>Single sign-on against a real OpenID provider on loopback, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SingleSignOnShould(BrowserFixture browser)
{
    [Fact]
    public async Task Sign_in_with_sso_and_accept_an_invitation_with_sso()
    {
        var port = PortalProcess.FreeLoopbackPort();
        await using var provider = await OidcProvider.StartAsync(
            $"http://localhost:{port}/signin-oidc", $"http://odeon.localhost:{port}/signin-oidc");
        await using var portal = await PortalProcess.StartAsync(settings: provider.PortalSettings(), port: port);

        await browser.RunAsync("sso-sign-in", async page =>
        {
            await page.GotoAsync(portal.Url(path: "/account/login"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with SSO" }).ClickAsync();
            await SignInAtProviderAsync(page, PortalProcess.SuperAdminEmail);

            await Expect(page).ToHaveURLAsync(portal.Url(path: "/admin"));
            await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(PortalProcess.SuperAdminEmail);
        });

        using (var admin = await PortalClient.SignedInAsync(portal))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.CreateOrganizationAsync("Odeon Cinemas", "odeon")).StatusCode);
        }

        var invitationLink = await PortalDatabase.InvitationLinkAsync(portal, "admin@odeon.test");
        await browser.RunAsync("sso-accept", async page =>
        {
            await page.GotoAsync(invitationLink);
            await page.GetByRole(AriaRole.Button, new() { Name = "Accept with SSO" }).ClickAsync();
            await SignInAtProviderAsync(page, "admin@odeon.test");

            await page.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(portal.Url("odeon.localhost", "/"));
            await Expect(page.GetByTestId("organization-title")).ToHaveTextAsync("Odeon Cinemas");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeVisibleAsync(); // an Admin
        });
    }

    [Fact]
    public async Task Explain_a_misconfigured_provider_and_keep_password_sign_in_working()
    {
        var port = PortalProcess.FreeLoopbackPort();
        await using var provider = await OidcProvider.StartAsync($"http://localhost:{port}/signin-oidc");
        await using var portal = await PortalProcess.StartAsync(settings: provider.PortalSettings(clientSecret: "a-wrong-secret"), port: port);

        await browser.RunAsync("sso-bad-secret", async page =>
        {
            await page.GotoAsync(portal.Url(path: "/account/login"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with SSO" }).ClickAsync();
            await SignInAtProviderAsync(page, PortalProcess.SuperAdminEmail);

            await Expect(page).ToHaveURLAsync(portal.Url(path: "/account/login"));
            await Expect(page.GetByTestId("sso-error")).ToContainTextAsync("The provider refused to complete the sign-in");

            await SignInPage.SignInAsync(page, portal);
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/admin"));
        });

        var nowhere = new Dictionary<string, string>(provider.PortalSettings())
        {
            ["Authentication__Oidc__Authority"] = $"http://127.0.0.1:{PortalProcess.FreeLoopbackPort()}", // nothing listens there
        };
        await using var misconfigured = await PortalProcess.StartAsync(settings: nowhere);
        await browser.RunAsync("sso-unreachable", async page =>
        {
            await page.GotoAsync(misconfigured.Url(path: "/account/login"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with SSO" }).ClickAsync();
            await Expect(page.GetByTestId("sso-error")).ToContainTextAsync("not available right now");
            await SignInPage.SignInAsync(page, misconfigured);
            await Expect(page).ToHaveURLAsync(misconfigured.Url(path: "/admin"));
        });
    }

    /// <summary>oidc-provider's development login and consent pages: any login name is an account with that verified email.</summary>
    private static async Task SignInAtProviderAsync(IPage page, string email)
    {
        await page.Locator("input[name=login]").FillAsync(email);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").First.ClickAsync();
        var consent = page.GetByRole(AriaRole.Button, new() { Name = "Continue" });
        await consent.ClickAsync();
    }

}
