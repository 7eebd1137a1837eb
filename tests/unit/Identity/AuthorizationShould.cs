using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>The folder conventions: Admin is for super admins, organization pages for that organization's active members.</summary>
public sealed class AuthorizationShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Send_an_anonymous_visitor_of_an_admin_page_to_sign_in()
    {
        var response = await Portal.ClientFor().GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fadmin", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Refuse_the_admin_pages_to_an_organization_admin()
    {
        var organization = await Portal.AddOrganizationAsync("not-platform-staff");
        await Portal.AddUserAsync("admin@not-platform-staff.test", organization, MembershipRole.Admin);
        var client = Portal.ClientFor();
        await PortalFactory.SignInAsync(client, "admin@not-platform-staff.test");

        var response = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Not allowed", (await PortalFactory.ParseAsync(response)).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Refuse_an_organization_to_members_of_another_one()
    {
        var odeon = await Portal.AddOrganizationAsync("authz-odeon");
        await Portal.AddOrganizationAsync("authz-vue");
        await Portal.AddUserAsync("admin@authz-odeon.test", odeon, MembershipRole.Admin);
        var client = Portal.ClientFor();
        await PortalFactory.SignInAsync(client, "admin@authz-odeon.test");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/o/authz-odeon/")).StatusCode);
        var other = await client.GetAsync("/o/authz-vue/");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.DoesNotContain("authz-vue Ltd", await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Refuse_a_member_whose_membership_is_deactivated()
    {
        var organization = await Portal.AddOrganizationAsync("authz-deactivated");
        var user = await Portal.AddUserAsync("former@authz-deactivated.test", organization);
        await Portal.WithServiceAsync<int, CatalogDbContext>(async catalog =>
        {
            (await catalog.Memberships.FindAsync(organization.Id, user.Id))!.Status = MembershipStatus.Deactivated;
            return await catalog.SaveChangesAsync();
        });
        var client = Portal.ClientFor("authz-deactivated.localhost");
        await PortalFactory.SignInAsync(client, "former@authz-deactivated.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Let_a_super_admin_into_any_organization()
    {
        await Portal.AddOrganizationAsync("authz-any");
        var client = Portal.ClientFor();
        await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail);

        var response = await client.GetAsync("/o/authz-any/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("authz-any Ltd", (await PortalFactory.ParseAsync(response)).QuerySelector("h1")?.TextContent);
    }
}
