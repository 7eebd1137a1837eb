using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>
/// An organization's own single sign-on, through the real pages: its settings (secret kept encrypted, never shown),
/// home-realm discovery on its sign-in page, and "require SSO" for its verified domains. The provider round trip
/// itself runs against real OpenID providers in the end-to-end journeys.
/// </summary>
public sealed class OrganizationSsoShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const string Page = "/settings/sso";
    private const string Secret = "a-client-secret-nobody-sees-again";

    private static int _cases;

    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Keep_the_secret_encrypted_never_show_it_and_keep_it_when_left_empty()
    {
        var organization = await OrganizationWithAdminAsync("sso-keep");
        var admin = await SignedInAsync("sso-keep", "admin@sso-keep.test");

        var saved = await SaveAsync(admin, "https://login.sso-keep.example/", "marketedge", Secret);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await SettingsAsync(organization);
        Assert.Equal(("https://login.sso-keep.example", "marketedge"), (stored.Authority, stored.ClientId));
        Assert.DoesNotContain(Secret, stored.ProtectedClientSecret);
        Assert.DoesNotContain(Secret, await admin.GetStringAsync(Page));
        var page = await PortalFactory.ParseAsync(await admin.GetAsync(Page));
        Assert.Equal("https://login.sso-keep.example", page.QuerySelector<IHtmlInputElement>("#sso-authority")!.Value);
        Assert.Equal("", page.QuerySelector<IHtmlInputElement>("#sso-client-secret")!.Value);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(admin, "https://login.sso-keep.example", "renamed-client", "")).StatusCode);
        var again = await SettingsAsync(organization);
        Assert.Equal(("renamed-client", stored.ProtectedClientSecret), (again.ClientId, again.ProtectedClientSecret));
        var details = await Portal.WithServiceAsync<List<string?>, CatalogDbContext>(c =>
            c.AuditEvents.Where(e => e.OrganizationId == organization.Id && e.Action == "sso.configured").Select(e => e.Details).ToListAsync());
        Assert.Equal(2, details.Count);
        Assert.All(details, d => Assert.DoesNotContain(Secret, d));
    }

    [Theory]
    [InlineData("http://login.sso-bad.example", "marketedge", Secret, "authority", "Use an https:// address: the provider's keys and tokens must not travel in clear.")]
    [InlineData("login.sso-bad.example", "marketedge", Secret, "authority", "Enter the provider's issuer address, like https://login.example.com (no query, no #).")]
    [InlineData("https://login.sso-bad.example?tenant=1", "marketedge", Secret, "authority", "Enter the provider's issuer address, like https://login.example.com (no query, no #).")]
    [InlineData("https://login.sso-bad.example", "", Secret, "client-id", "Enter the client id the provider gave MarketEdge (at most 200 characters).")]
    [InlineData("https://login.sso-bad.example", "marketedge", "", "client-secret", "Enter the client secret the provider gave MarketEdge.")]
    public async Task Refuse_a_provider_that_cannot_be_used_beside_its_field_and_keep_nothing(string authority, string clientId, string secret, string field, string message)
    {
        var slug = $"sso-bad{Interlocked.Increment(ref _cases)}";
        var organization = await OrganizationWithAdminAsync(slug);
        var admin = await SignedInAsync(slug, $"admin@{slug}.test");

        var refused = await SaveAsync(admin, authority, clientId, secret);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(message, (await PortalFactory.ParseAsync(refused)).QuerySelector($"[data-testid=sso-{field}-error]")?.TextContent);
        Assert.Equal(0, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.SsoSettings.CountAsync(s => s.OrganizationId == organization.Id)));
    }

    [Fact]
    public async Task Say_why_the_connection_test_failed()
    {
        await OrganizationWithAdminAsync("sso-test");
        var admin = await SignedInAsync("sso-test", "admin@sso-test.test");
        await SaveAsync(admin, "https://login.sso-test.invalid", "marketedge", Secret);

        var tested = await PortalFactory.PostFormAsync(admin, Page, $"{Page}?handler=Test");

        Assert.Equal(HttpStatusCode.OK, tested.StatusCode);
        var result = (await PortalFactory.ParseAsync(tested)).QuerySelector("[data-testid=sso-test-result]")!;
        Assert.Equal("False", result.GetAttribute("data-succeeded"));
        Assert.Equal("Could not read https://login.sso-test.invalid/.well-known/openid-configuration and its keys: check the address, and that the provider is reachable from the portal.",
            result.TextContent);
    }

    [Fact]
    public async Task Require_single_sign_on_of_the_verified_domains_people_only_once_a_domain_is_verified()
    {
        var organization = await OrganizationWithAdminAsync("sso-req");
        var admin = await SignedInAsync("sso-req", "admin@sso-req.test");
        await SaveAsync(admin, "https://login.sso-req.example", "marketedge", Secret);
        var early = await PortalFactory.PostFormAsync(admin, Page, $"{Page}?handler=Require", ("required", "true"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.StartsWith("Verify a domain first", (await PortalFactory.ParseAsync(early)).QuerySelector("[data-testid=sso-error]")?.TextContent);
        Assert.False((await SettingsAsync(organization)).RequireSso);

        await VerifiedDomainAsync(organization, "sso-req.example");
        await Portal.AddUserAsync("staff@sso-req.example", organization, MembershipRole.User);
        await Portal.AddUserAsync("guest@elsewhere-req.example", organization, MembershipRole.User);
        var staffByRoute = await SignedInAsync(null, "staff@sso-req.example"); // a password session on the platform's host
        Assert.Equal(HttpStatusCode.OK, (await staffByRoute.GetAsync("/o/sso-req/")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(admin, Page, $"{Page}?handler=Require", ("required", "true"))).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await staffByRoute.GetAsync("/o/sso-req/")).StatusCode); // at its very next request
        var guest = await SignedInAsync("sso-req", "guest@elsewhere-req.example", continueFirst: true);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync("/")).StatusCode);
        var host = Portal.ClientFor("sso-req.localhost");
        var password = await PortalFactory.SignInAsync(host, "staff@sso-req.example");
        Assert.Equal(HttpStatusCode.OK, password.StatusCode);
        Assert.Equal("sso-req Ltd signs in people at sso-req.example with its own single sign-on: use Continue with your address instead.",
            (await PortalFactory.ParseAsync(password)).QuerySelector("[data-testid=sign-in-error] li")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await host.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Ask_for_the_address_first_and_send_an_address_elsewhere_to_the_password()
    {
        var organization = await OrganizationWithAdminAsync("sso-hrd");
        var admin = await SignedInAsync("sso-hrd", "admin@sso-hrd.test");
        var client = Portal.ClientFor("sso-hrd.localhost");
        Assert.NotNull((await PortalFactory.ParseAsync(await client.GetAsync("/account/login"))).QuerySelector("#Input_Password"));

        await SaveAsync(admin, "https://login.sso-hrd.example", "marketedge", Secret);
        await VerifiedDomainAsync(organization, "sso-hrd.example");
        var first = await PortalFactory.ParseAsync(await client.GetAsync("/account/login"));
        Assert.Null(first.QuerySelector("#Input_Password"));
        Assert.NotNull(first.QuerySelector("button[formaction*='handler=Continue']"));

        var elsewhere = await PortalFactory.PostFormAsync(client, "/account/login", "/account/login?handler=Continue", ("Input.Email", "visitor@other-hrd.example"));
        var passwordStep = await PortalFactory.ParseAsync(elsewhere);
        Assert.NotNull(passwordStep.QuerySelector("#Input_Password"));
        Assert.Equal("visitor@other-hrd.example", passwordStep.QuerySelector<IHtmlInputElement>("#Input_Email")!.Value);

        var byRoute = Portal.ClientFor();
        var routeStep = await PortalFactory.PostFormAsync(byRoute, "/o/sso-hrd/account/login", "/o/sso-hrd/account/login?handler=Continue", ("Input.Email", "visitor@other-hrd.example"));
        Assert.NotNull((await PortalFactory.ParseAsync(routeStep)).QuerySelector("#Input_Password"));

        var routeHome = await PortalFactory.PostFormAsync(byRoute, "/o/sso-hrd/account/login", "/o/sso-hrd/account/login?handler=Continue", ("Input.Email", "ann@sso-hrd.example"));
        Assert.Equal(HttpStatusCode.Redirect, routeHome.StatusCode);
        Assert.Equal("/o/sso-hrd/account/login", routeHome.Headers.Location!.OriginalString);

        var home = await PortalFactory.PostFormAsync(client, "/account/login", "/account/login?handler=Continue", ("Input.Email", "ann@sso-hrd.example"));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode); // to the provider; it cannot be reached here, and the portal says so
        Assert.Equal("/account/login", home.Headers.Location!.OriginalString);
        Assert.Contains("not available right now", await client.GetStringAsync("/account/login"));
    }

    [Fact]
    public async Task Refuse_every_setting_to_users_viewers_and_other_organizations_admins()
    {
        var organization = await OrganizationWithAdminAsync("sso-own");
        var admin = await SignedInAsync("sso-own", "admin@sso-own.test");
        await SaveAsync(admin, "https://login.sso-own.example", "marketedge", Secret);
        await Portal.AddUserAsync("user@sso-own.test", organization, MembershipRole.User);
        await Portal.AddUserAsync("viewer@sso-own.test", organization, MembershipRole.Viewer);
        await OrganizationWithAdminAsync("sso-else");
        var other = await SignedInAsync(null, "admin@sso-else.test");

        foreach (var client in new[] { await SignedInAsync("sso-own", "user@sso-own.test"), await SignedInAsync("sso-own", "viewer@sso-own.test") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Page)).StatusCode);
            var token = await PortalFactory.AntiforgeryTokenAsync(client, "/");
            foreach (var handler in new[] { "Save", "Test", "Require", "Remove" })
            {
                var refused = await client.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["authority"] = "https://evil.example", ["clientId"] = "evil", ["clientSecret"] = "evil", ["required"] = "true", ["confirmed"] = "true",
                    ["__RequestVerificationToken"] = token,
                }));
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            }
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/o/sso-own{Page}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/o/sso-else{Page}")).StatusCode);
        var kept = await SettingsAsync(organization);
        Assert.Equal(("https://login.sso-own.example", false), (kept.Authority, kept.RequireSso));
    }

    private async Task<Organization> OrganizationWithAdminAsync(string slug)
    {
        var organization = await Portal.AddOrganizationAsync(slug);
        await Portal.AddUserAsync($"admin@{slug}.test", organization, MembershipRole.Admin);
        return organization;
    }

    /// <summary>Signed in with a password on the organization's subdomain, or on the platform's host when <paramref name="slug"/> is null.</summary>
    private async Task<HttpClient> SignedInAsync(string? slug, string email, bool continueFirst = false)
    {
        var client = Portal.ClientFor(slug is null ? "localhost" : $"{slug}.localhost");
        if (continueFirst)
        {
            var step = await PortalFactory.PostFormAsync(client, "/account/login", "/account/login?handler=Continue", ("Input.Email", email));
            Assert.NotNull((await PortalFactory.ParseAsync(step)).QuerySelector("#Input_Password"));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, email)).StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient admin, string authority, string clientId, string secret) =>
        PortalFactory.PostFormAsync(admin, Page, $"{Page}?handler=Save", ("authority", authority), ("clientId", clientId), ("clientSecret", secret));

    private Task<OrganizationSso> SettingsAsync(Organization organization) =>
        Portal.WithServiceAsync<OrganizationSso, CatalogDbContext>(c => c.SsoSettings.AsNoTracking().SingleAsync(s => s.OrganizationId == organization.Id));

    /// <summary>A verified domain, as the domains page leaves it (that page has its own tests).</summary>
    private Task VerifiedDomainAsync(Organization organization, string domain) =>
        Portal.WithServiceAsync<int, CatalogDbContext>(c =>
        {
            c.OrganizationDomains.Add(new OrganizationDomain { OrganizationId = organization.Id, Domain = domain, CreatedAt = DateTimeOffset.UtcNow, VerifiedAt = DateTimeOffset.UtcNow });
            return c.SaveChangesAsync();
        });
}
