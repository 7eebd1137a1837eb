using System.Net;
using System.Text.RegularExpressions;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>
/// Two organizations, each with its own OpenID provider (two real oidc-provider instances), in Chromium: each
/// client admin sets theirs up on /settings/sso; each organization's people type their address and land in their
/// own organization through their own provider; nobody gets in through the other's; "require SSO" ends passwords.
/// </summary>
public sealed class OrganizationSsoShould(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Send_each_organizations_people_through_their_own_provider_and_nobody_through_the_other()
    {
        await using var odeonProvider = await OidcProvider.StartAsync();
        await using var vueProvider = await OidcProvider.StartAsync();
        await using var portal = await PortalProcess.StartAsync(settings: new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        await odeonProvider.AcceptRedirectsToAsync(portal.Url("odeon.localhost", "/signin-org-oidc"));
        await vueProvider.AcceptRedirectsToAsync(portal.Url("vue.localhost", "/signin-org-oidc"));
        using (var superAdmin = await PortalClient.SignedInAsync(portal))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await superAdmin.CreateOrganizationAsync("Odeon Cinemas", "odeon")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await superAdmin.CreateOrganizationAsync("Vue Cinemas", "vue")).StatusCode);
        }

        await PortalClient.AcceptInvitationAsync(portal, await PortalDatabase.InvitationLinkAsync(portal, "admin@odeon.test"), "Olive Odeon");
        await PortalClient.AcceptInvitationAsync(portal, await PortalDatabase.InvitationLinkAsync(portal, "admin@vue.test"), "Victor Vue");
        await VerifyDomainAsync(portal, "odeon", "odeon.co.uk", ("policy", "Automatic"), ("role", "User"));
        await VerifyDomainAsync(portal, "vue", "vue.co.uk", ("policy", "Off"));
        using (var vueAdmin = await PortalClient.SignedInAsync(portal, "admin@vue.test", "vue.localhost"))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await vueAdmin.PostFormAsync("/settings/sso", "/settings/sso?handler=Save",
                ("authority", vueProvider.Authority), ("clientId", OidcProvider.ClientId), ("clientSecret", OidcProvider.ClientSecret))).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await vueAdmin.PostFormAsync("/users", "/users?handler=Invite", ("email", "vic@vue.co.uk"), ("role", "User"))).StatusCode);
        }

        await browser.RunAsync("client-admin-sets-up-sso", async admin =>
        {
            await SignInPage.SignInAsync(admin, portal, "admin@odeon.test", host: "odeon.localhost");
            await admin.GetByRole(AriaRole.Link, new() { Name = "Single sign-on" }).ClickAsync();
            await Expect(admin.GetByTestId("sso-callback")).ToHaveTextAsync(portal.Url("odeon.localhost", "/signin-org-oidc"));

            await admin.GetByLabel("Provider (issuer) address").FillAsync("http://login.odeon.example");
            await admin.GetByLabel("Client id").FillAsync(OidcProvider.ClientId);
            await admin.GetByLabel("Client secret").FillAsync(OidcProvider.ClientSecret);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(admin.GetByTestId("sso-authority-error")).ToHaveTextAsync("Use an https:// address: the provider's keys and tokens must not travel in clear.");

            await admin.GetByLabel("Provider (issuer) address").FillAsync(odeonProvider.Authority);
            await admin.GetByLabel("Client secret").FillAsync(OidcProvider.ClientSecret);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(admin.GetByTestId("notice")).ToHaveTextAsync("Single sign-on saved. Test the connection next.");
            await Expect(admin.GetByLabel("Client secret")).ToHaveValueAsync("");
            Assert.DoesNotContain(OidcProvider.ClientSecret, await admin.ContentAsync());

            await admin.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
            await Expect(admin.GetByTestId("sso-test-result")).ToContainTextAsync($"Connected: issuer {odeonProvider.Authority}, ");
            await Screens.CaptureAsync(admin, "organization-sso");
        });

        var odeonLogin = portal.Url("odeon.localhost", "/account/login");
        await browser.RunAsync("odeon-person-signs-in-through-odeons-provider", async ann =>
        {
            await ContinueWithAddressAsync(ann, odeonLogin, "ann@odeon.co.uk");
            await AtProviderAsync(ann, odeonProvider);
            await OidcProvider.SignInAsync(ann, "ann@odeon.co.uk");
            await Expect(ann.GetByTestId("organization-title")).ToHaveTextAsync("Odeon Cinemas"); // joined at once, as the domain allows
        });

        await browser.RunAsync("vue-person-signs-in-through-vues-provider", async vic =>
        {
            await ContinueWithAddressAsync(vic, portal.Url("vue.localhost", "/account/login"), "vic@vue.co.uk");
            await AtProviderAsync(vic, vueProvider);
            await OidcProvider.SignInAsync(vic, "vic@vue.co.uk");
            await Expect(vic.GetByTestId("organization-title")).ToHaveTextAsync("Vue Cinemas");
        });

        await browser.RunAsync("nobody-through-the-other-provider", async intruder =>
        {
            // Vue's person at Odeon's sign-in: not Odeon's domain, so the password form, not a provider.
            await ContinueWithAddressAsync(intruder, odeonLogin, "vic@vue.co.uk");
            await Expect(intruder.GetByLabel("Password")).ToBeVisibleAsync();
            Assert.StartsWith(portal.Url("odeon.localhost"), intruder.Url);

            // Odeon's provider asserting a Vue address (whatever its accounts say) gets no one into Odeon, nor an account.
            await ContinueWithAddressAsync(intruder, odeonLogin, "ann@odeon.co.uk");
            await OidcProvider.SignInAsync(intruder, "vic-twin@vue.co.uk");
            await Expect(intruder.GetByTestId("sso-problem")).ToHaveTextAsync("Odeon Cinemas's sign-in is only for people with an address at its verified domains.");
            await intruder.GotoAsync(portal.Url("odeon.localhost", "/users"));
            await Expect(intruder).ToHaveURLAsync(new Regex("/account/login")); // not signed in to Odeon
        });
        Assert.Equal(0, await PortalDatabase.CountAsync(portal, """SELECT count(*) FROM "AspNetUsers" WHERE "Email" = 'vic-twin@vue.co.uk'"""));
        Assert.Equal(["Odeon Cinemas"], await PortalDatabase.ColumnAsync(portal,
            """SELECT o."Name" FROM "Memberships" m JOIN "AspNetUsers" u ON u."Id" = m."UserId" JOIN "Organizations" o ON o."Id" = m."OrganizationId" WHERE u."Email" = 'ann@odeon.co.uk'"""));
        Assert.Equal(2, await PortalDatabase.CountAsync(portal, """SELECT count(DISTINCT "LoginProvider") FROM "AspNetUserLogins" """)); // each linked by its own issuer

        await browser.RunAsync("client-admin-requires-sso", async admin =>
        {
            await SignInPage.SignInAsync(admin, portal, "admin@odeon.test", host: "odeon.localhost"); // the address first, then the password
            await Expect(admin.GetByTestId("organization-title")).ToHaveTextAsync("Odeon Cinemas");
            await admin.GotoAsync(portal.Url("odeon.localhost", "/users"));
            await UsersPage.InviteAsync(admin, "bob@odeon.co.uk", "Viewer");
            await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Invitation sent to bob@odeon.co.uk.");
            await admin.GotoAsync(portal.Url("odeon.localhost", "/settings/sso"));
            await admin.GetByRole(AriaRole.Button, new() { Name = "Require single sign-on" }).ClickAsync();
            await Expect(admin.GetByTestId("notice")).ToHaveTextAsync("Single sign-on is now required for the verified domains.");
        });

        await PortalClient.AcceptInvitationAsync(portal, await PortalDatabase.InvitationLinkAsync(portal, "bob@odeon.co.uk"), "Bob Box Office");
        await browser.RunAsync("password-refused-once-sso-is-required", async bob =>
        {
            await ContinueWithAddressAsync(bob, odeonLogin, "bob@odeon.co.uk");
            await AtProviderAsync(bob, odeonProvider); // the address goes to the provider, not to a password
            await ContinueWithAddressAsync(bob, odeonLogin, "ann@odeon.co.uk"); // the provider's own sessions still come in
            await OidcProvider.SignInAsync(bob, "ann@odeon.co.uk");
            await Expect(bob.GetByTestId("organization-title")).ToHaveTextAsync("Odeon Cinemas");

            await SignInPage.SignInAsync(bob, portal, "bob@odeon.co.uk"); // on the platform's host, a password still works...
            await Expect(bob.GetByTestId("signed-in-as")).ToHaveTextAsync("bob@odeon.co.uk");
            var refused = await bob.GotoAsync(portal.Url(path: "/o/odeon/"));
            Assert.Equal(403, refused?.Status); // ...but not inside Odeon
        });
    }

    /// <summary>The browser is at <paramref name="provider"/>'s sign-in; if not, what the portal said instead.</summary>
    private static async Task AtProviderAsync(IPage page, OidcProvider provider)
    {
        try
        {
            await page.WaitForURLAsync(url => url.StartsWith(provider.Authority, StringComparison.Ordinal), new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"At {page.Url}, not the provider: {await page.Locator("main").InnerTextAsync()}");
        }
    }

    private static async Task ContinueWithAddressAsync(IPage page, string loginUrl, string email)
    {
        await page.Context.ClearCookiesAsync(new() { Domain = "127.0.0.1" }); // both providers live on 127.0.0.1: their sessions would mix
        await page.GotoAsync(loginUrl);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    /// <summary>The organization's Admin adds and verifies <paramref name="domain"/> with the emailed code, then sets its join policy.</summary>
    private static async Task VerifyDomainAsync(PortalProcess portal, string slug, string domain, params (string Name, string Value)[] policy)
    {
        using var admin = await PortalClient.SignedInAsync(portal, $"admin@{slug}.test", $"{slug}.localhost");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/settings/domains", "/settings/domains?handler=Add", ("domain", domain), ("email", $"it@{domain}"))).StatusCode);
        var domainId = await PortalDatabase.ScalarAsync<Guid>(portal, """SELECT "Id" FROM "OrganizationDomains" WHERE "Domain" = @d""", parameters: ("d", domain));
        var subject = await PortalDatabase.ScalarAsync<string>(portal, """SELECT "Subject" FROM "OutboxMessages" WHERE "To" = @to""", parameters: ("to", $"it@{domain}"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/settings/domains", $"/settings/domains?handler=Verify&domainId={domainId}",
            ("code", Regex.Match(subject, @"^\d{6}").Value))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/settings/domains", $"/settings/domains?handler=Policy&domainId={domainId}", policy)).StatusCode);
    }
}
