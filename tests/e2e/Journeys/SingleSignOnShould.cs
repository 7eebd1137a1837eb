using System.Net;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>Single sign-on against a real OpenID provider on loopback, in Chromium.</summary>
public sealed class SingleSignOnShould(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Link_an_account_only_after_its_password_then_sign_in_by_the_link_and_accept_an_invitation_with_sso()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var portal = await PortalProcess.StartAsync(settings: provider.PortalSettings());
        await provider.AcceptRedirectsToAsync(portal.Url(path: "/signin-oidc"), portal.Url("odeon.localhost", "/signin-oidc"));
        using (var admin = await PortalClient.SignedInAsync(portal))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.CreateOrganizationAsync("Odeon Cinemas", "odeon")).StatusCode);
        }

        await browser.RunAsync("sso-refusals", async page =>
        {
            await SignInWithSsoAsync(page, portal.Url(path: "/account/login"), "unverified:stranger@odeon.test");
            await Expect(page.GetByTestId("sso-error")).ToContainTextAsync("does not confirm a verified email address");

            await SignInWithSsoAsync(page, portal.Url(path: "/account/login"), "uninvited@elsewhere.test");
            await Expect(page.GetByTestId("sso-problem")).ToContainTextAsync("No MarketEdge account is linked");
        });
        Assert.Equal(0, await PortalDatabase.CountAsync(portal,
            "SELECT count(*) FROM \"AspNetUsers\" WHERE \"Email\" IN ('stranger@odeon.test', 'uninvited@elsewhere.test')"));

        await browser.RunAsync("sso-super-admin-refused", async page =>
        {
            await SignInWithSsoAsync(page, portal.Url(path: "/account/login"), PortalProcess.SuperAdminEmail);
            await Expect(page.GetByTestId("sso-problem")).ToContainTextAsync("Super admins sign in with their password");
            await page.GotoAsync(portal.Url(path: "/admin"));
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        });

        var adminLink = await PortalDatabase.InvitationLinkAsync(portal, "admin@odeon.test");
        var odeonLogin = portal.Url("odeon.localhost", "/account/login");
        await browser.RunAsync("sso-link", async page =>
        {
            await page.GotoAsync(adminLink);
            await page.GetByLabel("Your name").FillAsync("Olive Odeon");
            await page.GetByLabel("Choose a password").FillAsync(PortalProcess.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Accept and sign in" }).ClickAsync();
            await Expect(page.GetByTestId("organization-title")).ToHaveTextAsync("Odeon Cinemas");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

            // Someone else at the provider claiming the same verified email gets no further than the password.
            await SignInWithSsoAsync(page, odeonLogin, "impostor|admin@odeon.test");
            await Expect(page.GetByTestId("sso-link")).ToContainTextAsync("admin@odeon.test");
            await page.GetByLabel("MarketEdge password").FillAsync("not the password at all");
            await page.GetByRole(AriaRole.Button, new() { Name = "Link and sign in" }).ClickAsync();
            await Expect(page.Locator("[data-valmsg-for=Password]")).ToContainTextAsync("not this account's password");
            await page.GotoAsync(portal.Url("odeon.localhost", "/"));
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));

            // The owner links once with the password...
            await SignInWithSsoAsync(page, odeonLogin, "admin@odeon.test");
            await page.GetByLabel("MarketEdge password").FillAsync(PortalProcess.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Link and sign in" }).ClickAsync();
            await Expect(page.GetByTestId("organization-title")).ToHaveTextAsync("Odeon Cinemas");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

            // ...and afterwards single sign-on alone is enough.
            await SignInWithSsoAsync(page, odeonLogin, "admin@odeon.test");
            await Expect(page.GetByTestId("organization-title")).ToHaveTextAsync("Odeon Cinemas");

            await page.GotoAsync(portal.Url("odeon.localhost", "/users"));
            await UsersPage.InviteAsync(page, "sam@odeon.test", "User");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Invitation sent to sam@odeon.test.");
        });

        var samLink = await PortalDatabase.InvitationLinkAsync(portal, "sam@odeon.test");
        await browser.RunAsync("sso-accept", async page =>
        {
            await page.GotoAsync(samLink);
            await page.GetByRole(AriaRole.Button, new() { Name = "Accept with SSO" }).ClickAsync();
            await OidcProvider.SignInAsync(page, "sam@odeon.test");

            await page.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(portal.Url("odeon.localhost", "/"));
            await Expect(page.GetByTestId("organization-title")).ToHaveTextAsync("Odeon Cinemas");
        });
    }

    [Fact]
    public async Task Explain_a_misconfigured_provider_and_keep_password_sign_in_working()
    {
        await using var provider = await OidcProvider.StartAsync();
        await using var portal = await PortalProcess.StartAsync(settings: provider.PortalSettings(clientSecret: "a-wrong-secret"));
        await provider.AcceptRedirectsToAsync(portal.Url(path: "/signin-oidc"));

        await browser.RunAsync("sso-bad-secret", async page =>
        {
            await page.GotoAsync(portal.Url(path: "/account/login"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with SSO" }).ClickAsync();
            await OidcProvider.SignInAsync(page, PortalProcess.SuperAdminEmail);

            await Expect(page).ToHaveURLAsync(portal.Url(path: "/account/login"));
            await Expect(page.GetByTestId("sso-error")).ToContainTextAsync("The provider refused to complete the sign-in");

            await SignInPage.SignInAsync(page, portal);
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/admin"));
        });

        var nowhere = new Dictionary<string, string>(provider.PortalSettings())
        {
            ["Authentication__Oidc__Authority"] = "http://127.0.0.1:1", // a privileged port nothing listens on: connection refused
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

    /// <summary>Signs in at the provider afresh (its own session from an earlier login forgotten), then back to the portal.</summary>
    private static async Task SignInWithSsoAsync(IPage page, string loginUrl, string login)
    {
        await page.Context.ClearCookiesAsync(new() { Domain = "127.0.0.1" });
        await page.GotoAsync(loginUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with SSO" }).ClickAsync();
        await OidcProvider.SignInAsync(page, login);
    }
}
