using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;
using MarketEdge.Portal.Web;

namespace MarketEdge.Portal.Tests.Web;

public sealed class PlumbingShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Theory]
    [InlineData("code", "ABCD-EFGH")] // a field the error page's own status code must not be read from
    [InlineData("reason", "a\u0000b")] // a form that cannot be read at all
    public async Task Answer_a_refused_post_with_its_own_status_whatever_its_form_holds(string field, string value)
    {
        var client = Portal.ClientFor();

        var refused = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { [field] = value }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // no antiforgery token
        Assert.Equal("400", (await PortalFactory.ParseAsync(refused)).QuerySelector("[data-testid=error-page]")?.GetAttribute("data-status"));
    }

    [Fact]
    public async Task Answer_health_checks_while_the_catalog_answers()
    {
        var response = await Portal.ClientFor().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/no/such/page")]
    [InlineData("/health")]
    public async Task Send_the_security_headers_on_every_response(string path)
    {
        var response = await Portal.ClientFor().GetAsync(path);

        // Pinned whole: loosening any directive must be a visible change to this line.
        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("camera=(), microphone=(), geolocation=()", response.Headers.GetValues("Permissions-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Load_htmx_from_the_committed_library_and_send_the_antiforgery_token_with_its_requests()
    {
        var client = Portal.ClientFor();
        var page = await PortalFactory.ParseAsync(await client.GetAsync("/account/login"));

        var script = page.QuerySelector("script[src*='htmx.min.js']")?.GetAttribute("src");
        Assert.StartsWith("/lib/htmx.org/dist/htmx.min.js", script);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(script)).StatusCode);
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Contains("RequestVerificationToken", page.Body?.GetAttribute("hx-headers"));
    }

    [Fact]
    public async Task Show_a_friendly_page_without_details_when_something_breaks()
    {
        // Active in the catalog, but on a database server that is no longer configured: the home page cannot reach its data.
        var broken = await Portal.WithServiceAsync<Organization, CatalogDbContext>(async catalog =>
        {
            var organization = new Organization
            {
                Slug = "no-database", Name = "No database", Status = OrganizationStatus.Active, PackId = "cinema", SicCode = "59140",
                FirstAdminEmail = "admin@no-database.test", DatabaseServer = "decommissioned",
            };
            catalog.Organizations.Add(organization);
            await catalog.SaveChangesAsync();
            return organization;
        });
        var client = Portal.ClientFor($"{broken.Slug}.localhost");
        await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail);

        var response = await client.GetAsync("/");
        var posted = await client.PostAsync("/competitors?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "Rival", ["__RequestVerificationToken"] = await PortalFactory.AntiforgeryTokenAsync(client, "/account/me"),
        }));
        Assert.Equal(HttpStatusCode.InternalServerError, posted.StatusCode); // a form that breaks says so too, never "not found"
        Assert.Contains("Something went wrong", await posted.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", body);
        Assert.DoesNotContain("Npgsql", body);
        Assert.DoesNotContain("decommissioned", body);
        Assert.DoesNotContain("Tenancy:DatabaseServers", body);
        Assert.DoesNotContain(" at MarketEdge", body);
    }

    [Fact]
    public async Task Show_the_not_found_page_for_unknown_paths()
    {
        var response = await Portal.ClientFor().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await PortalFactory.ParseAsync(response)).QuerySelector("h1")?.TextContent);
    }
}
