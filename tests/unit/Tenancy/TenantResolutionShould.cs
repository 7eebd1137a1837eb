using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.Tenancy;

/// <summary>The outcomes of tenant resolution, through the whole pipeline, by subdomain and by route.</summary>
public sealed class TenantResolutionShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Theory]
    [InlineData("nosuch.localhost", "/")]
    [InlineData("NoSuch.localhost:5080", "/account/login")]
    [InlineData("localhost", "/o/nosuch/")]
    [InlineData("localhost", "/o/nosuch/account/login")]
    [InlineData("a.b.localhost", "/")]
    public async Task Show_the_not_found_page_for_an_unknown_organization(string host, string path)
    {
        var response = await Portal.ClientFor(host).GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await PortalFactory.ParseAsync(response);
        Assert.Equal("Organization not found", page.QuerySelector("h1")?.TextContent);
        var port = host.Contains(':') ? host[host.IndexOf(':')..] : "";
        Assert.Equal($"http://localhost{port}/", page.QuerySelector("[data-testid=error-page] a")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/o/Your%20account%20is%20blocked%2C%20call%20%2B44%20800%20000%20000/")]
    [InlineData("/o/%3Cb%3Eurgent%3C%2Fb%3E%20verify%20at%20evil.example/")]
    [InlineData("/o/x/")]
    public async Task Never_repeat_text_from_the_address_that_is_not_a_well_formed_name(string path)
    {
        var response = await Portal.ClientFor().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = (await PortalFactory.ParseAsync(response)).QuerySelector("[data-testid=error-page]")!.TextContent;
        Assert.DoesNotContain("blocked", text);
        Assert.DoesNotContain("evil.example", text);
        Assert.DoesNotContain("“x”", text);
        Assert.Contains("There is no organization at this address", text);
    }

    [Fact]
    public async Task Name_an_unknown_organization_when_its_name_is_well_formed()
    {
        var response = await Portal.ClientFor().GetAsync("/o/no-such-chain/");

        Assert.Contains("“no-such-chain”", (await PortalFactory.ParseAsync(response)).QuerySelector("[data-testid=error-page]")!.TextContent);
    }

    [Theory]
    [InlineData(OrganizationStatus.Suspended)]
    [InlineData(OrganizationStatus.Archived)]
    [InlineData(OrganizationStatus.Failed)]
    public async Task Show_the_forbidden_page_for_an_organization_that_is_not_open(OrganizationStatus status)
    {
        var slug = $"closed-{status.ToString().ToLowerInvariant()}";
        await Portal.AddOrganizationAsync(slug, status);

        foreach (var (host, path) in new[] { ($"{slug}.localhost", "/"), ("localhost", $"/o/{slug}/") })
        {
            var response = await Portal.ClientFor(host).GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("Organization unavailable", (await PortalFactory.ParseAsync(response)).QuerySelector("h1")?.TextContent);
        }
    }

    [Fact]
    public async Task Say_an_organization_is_still_being_set_up()
    {
        await Portal.AddOrganizationAsync("being-built", OrganizationStatus.Provisioning);

        var response = await Portal.ClientFor("being-built.localhost").GetAsync("/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Still being set up", (await PortalFactory.ParseAsync(response)).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Show_suspension_at_once_to_a_member_already_inside()
    {
        var organization = await Portal.AddOrganizationAsync("soon-suspended");
        await Portal.AddUserAsync("member@soon-suspended.test", organization);
        var client = Portal.ClientFor("soon-suspended.localhost");
        await PortalFactory.SignInAsync(client, "member@soon-suspended.test");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await Portal.WithServiceAsync<int, CatalogDbContext>(async catalog =>
        {
            (await catalog.Organizations.FindAsync(organization.Id))!.Status = OrganizationStatus.Suspended;
            return await catalog.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Keep_the_route_prefix_in_links_generated_inside_an_organization()
    {
        var organization = await Portal.AddOrganizationAsync("prefixed");
        await Portal.AddUserAsync("member@prefixed.test", organization);
        var client = Portal.ClientFor();

        var anonymous = await client.GetAsync("/o/prefixed/");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/o/prefixed/account/login", anonymous.Headers.Location?.PathAndQuery);

        var signIn = await client.GetAsync("/o/prefixed/account/login");
        var signInPage = await PortalFactory.ParseAsync(signIn);
        Assert.Equal("/o/prefixed/", signInPage.QuerySelector("a.brand")?.GetAttribute("href"));
        Assert.Equal("/o/prefixed/account/login", signInPage.QuerySelector("header a[href$='login']")?.GetAttribute("href"));

        await PortalFactory.SignInAsync(client, "member@prefixed.test");
        var home = await PortalFactory.ParseAsync(await client.GetAsync("/o/prefixed/"));
        Assert.Equal("prefixed Ltd", home.QuerySelector("h1")?.TextContent);
        Assert.Equal("/o/prefixed/", home.QuerySelector("a.brand")?.GetAttribute("href"));
        Assert.Equal("/o/prefixed/account/logout", home.QuerySelector("header form[action$=logout]")?.GetAttribute("action"));
        foreach (var asset in home.QuerySelectorAll("link[rel=stylesheet], script[src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")))
        {
            Assert.StartsWith("/", asset); // served from the root, never under the organization prefix
            Assert.False(asset!.StartsWith("/o/", StringComparison.Ordinal), asset);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(asset)).StatusCode);
        }
    }

    [Fact]
    public async Task Serve_the_platform_home_on_the_root_host_and_the_organization_home_on_its_subdomain()
    {
        var organization = await Portal.AddOrganizationAsync("two-homes");
        await Portal.AddUserAsync("member@two-homes.test", organization);

        var root = Portal.ClientFor();
        await PortalFactory.SignInAsync(root, "member@two-homes.test");
        var platformHome = await PortalFactory.ParseAsync(await root.GetAsync("/"));
        Assert.Equal("MarketEdge", platformHome.QuerySelector("h1")?.TextContent);
        Assert.Equal("/switcher/two-homes", platformHome.QuerySelector("[data-testid=my-organizations] a")?.GetAttribute("href"));

        var subdomain = Portal.ClientFor("two-homes.localhost");
        await PortalFactory.SignInAsync(subdomain, "member@two-homes.test");
        var organizationHome = await PortalFactory.ParseAsync(await subdomain.GetAsync("/"));
        Assert.Equal("two-homes Ltd", organizationHome.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Not_serve_platform_pages_inside_an_organization()
    {
        await Portal.AddOrganizationAsync("no-admin-here");
        var client = Portal.ClientFor("no-admin-here.localhost");
        await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
    }
}
