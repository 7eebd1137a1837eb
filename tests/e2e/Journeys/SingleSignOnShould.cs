using System.Net;
using System.Text.RegularExpressions;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>Single sign-on against a real OpenID provider on loopback, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SingleSignOnShould(BrowserFixture browser)
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

        for (var wait = 0; wait < 300 && await PortalDatabase.CountAsync(portal,
            "SELECT count(*) FROM \"OutboxMessages\" WHERE \"To\" = 'admin@odeon.test'") == 0; wait++)
        {
            await Task.Delay(200);
        }

        var body = await PortalDatabase.ScalarAsync<string>(portal, "SELECT \"Body\" FROM \"OutboxMessages\" WHERE \"To\" = 'admin@odeon.test'");
        await browser.RunAsync("sso-accept", async page =>
        {
            await page.GotoAsync(InvitationLink().Match(body).Value);
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

            await page.GetByLabel("Email").FillAsync(PortalProcess.SuperAdminEmail);
            await page.GetByLabel("Password").FillAsync(PortalProcess.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
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
            await page.GetByLabel("Email").FillAsync(PortalProcess.SuperAdminEmail);
            await page.GetByLabel("Password").FillAsync(PortalProcess.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
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

    [GeneratedRegex(@"http://[^\s]+/invitations/accept\?token=[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();
}
