using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>Sessions are bound to where they were signed in; the switcher offers what a person may enter and remembers the choice.</summary>
public sealed class SessionsShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Refuse_a_subdomain_session_presented_on_another_subdomain_or_the_root_host()
    {
        var odeon = await Portal.AddOrganizationAsync("sess-odeon");
        await Portal.AddOrganizationAsync("sess-vue");
        await Portal.AddUserAsync("member@sess-odeon.test", odeon);
        var signIn = await PortalFactory.SignInAsync(Portal.ClientFor("sess-odeon.localhost"), "member@sess-odeon.test");
        var cookie = AuthCookie(signIn);

        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync("sess-odeon.localhost", "/", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await WithCookieAsync("sess-vue.localhost", "/", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await WithCookieAsync("localhost", "/o/sess-odeon/", cookie)).StatusCode);
    }

    [Fact]
    public async Task Reach_every_membership_from_one_root_session_but_need_a_sign_in_per_subdomain()
    {
        var first = await Portal.AddOrganizationAsync("sess-first");
        var second = await Portal.AddOrganizationAsync("sess-second");
        var user = await Portal.AddUserAsync("both@sess.test", first);
        await Portal.WithServiceAsync<int, CatalogDbContext>(catalog =>
        {
            catalog.Memberships.Add(new Membership { OrganizationId = second.Id, UserId = user.Id });
            return catalog.SaveChangesAsync();
        });

        var root = Portal.ClientFor();
        var rootCookie = AuthCookie(await PortalFactory.SignInAsync(root, "both@sess.test"));
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/o/sess-first/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/o/sess-second/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await WithCookieAsync("sess-first.localhost", "/", rootCookie)).StatusCode);

        foreach (var slug in new[] { "sess-first", "sess-second" })
        {
            var subdomain = Portal.ClientFor($"{slug}.localhost");
            Assert.Equal(HttpStatusCode.Redirect, (await subdomain.GetAsync("/")).StatusCode); // not signed in here yet
            await PortalFactory.SignInAsync(subdomain, "both@sess.test");
            Assert.Equal(HttpStatusCode.OK, (await subdomain.GetAsync("/")).StatusCode);
        }
    }

    [Fact]
    public async Task Land_on_the_only_organization_and_later_on_the_one_last_switched_to()
    {
        var only = await Portal.AddOrganizationAsync("land-only");
        var other = await Portal.AddOrganizationAsync("land-other");
        var user = await Portal.AddUserAsync("lander@land.test", only);

        var firstVisit = await PortalFactory.SignInAsync(Portal.ClientFor(), "lander@land.test");
        Assert.Equal("/o/land-only/", firstVisit.Headers.Location?.OriginalString);

        await Portal.WithServiceAsync<int, CatalogDbContext>(catalog =>
        {
            catalog.Memberships.Add(new Membership { OrganizationId = other.Id, UserId = user.Id });
            return catalog.SaveChangesAsync();
        });
        var client = Portal.ClientFor();
        await PortalFactory.SignInAsync(client, "lander@land.test");
        var switched = await client.GetAsync("/switcher/land-other");
        Assert.Equal("/o/land-other/", switched.Headers.Location?.OriginalString);

        var nextVisit = await PortalFactory.SignInAsync(Portal.ClientFor(), "lander@land.test");
        Assert.Equal("/o/land-other/", nextVisit.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Follow_the_switcher_from_an_organization_subdomain_to_an_organization_of_the_person()
    {
        var mine = await Portal.AddOrganizationAsync("switch-sub");
        await Portal.AddUserAsync("member@switch-sub.test", mine);
        var member = Portal.ClientFor("switch-sub.localhost");
        await PortalFactory.SignInAsync(member, "member@switch-sub.test");

        var link = (await PortalFactory.ParseAsync(await member.GetAsync("/")))
            .QuerySelector("[data-testid=switcher] [data-slug='switch-sub']")?.GetAttribute("href");
        Assert.Equal("/switcher/switch-sub", link);
        var switched = await member.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("http://switch-sub.localhost/", switched.Headers.Location?.OriginalString); // not /o/switch-sub/ on this host, which is no page
    }

    [Fact]
    public async Task Offer_members_their_own_organizations_and_super_admins_a_search_over_all()
    {
        var mine = await Portal.AddOrganizationAsync("switch-mine");
        await Portal.AddOrganizationAsync("switch-theirs");
        await Portal.AddUserAsync("member@switch-mine.test", mine);
        var member = Portal.ClientFor();
        await PortalFactory.SignInAsync(member, "member@switch-mine.test");

        var offered = (await PortalFactory.ParseAsync(await member.GetAsync("/o/switch-mine/")))
            .QuerySelectorAll("[data-testid=switcher] [data-slug]").Select(a => a.GetAttribute("data-slug")).ToList();
        Assert.Equal(["switch-mine"], offered);
        Assert.Equal("true", (await PortalFactory.ParseAsync(await member.GetAsync("/o/switch-mine/")))
            .QuerySelector("[data-testid=switcher] [data-slug='switch-mine']")?.GetAttribute("aria-current"));
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/switcher/switch-theirs")).StatusCode);

        var admin = await Portal.SuperAdminClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/switcher?q=switch-th");
        request.Headers.Add("HX-Request", "true");
        var found = await PortalFactory.ParseAsync(await admin.SendAsync(request));
        Assert.Equal(["switch-theirs"], found.QuerySelectorAll("[data-slug]").Select(a => a.GetAttribute("data-slug")));
    }

    private static string AuthCookie(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("MarketEdge.Auth=", StringComparison.Ordinal)).Split(';')[0];

    private async Task<HttpResponseMessage> WithCookieAsync(string host, string path, string cookie)
    {
        var client = Portal.CreateClient(new() { BaseAddress = new Uri($"http://{host}/"), AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
