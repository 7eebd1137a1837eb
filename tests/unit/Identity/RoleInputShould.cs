using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>A role arrives as text from a form: only the names of defined roles bind; nothing else ever becomes a role.</summary>
public sealed class RoleInputShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public void Make_the_least_privilege_the_default_value()
    {
        Assert.Equal(MembershipRole.Viewer, default(MembershipRole));
        Assert.Equal(MembershipRole.Viewer, new Invitation { Email = "x@y.test", TokenHash = "h" }.Role);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("2")]
    [InlineData("Owner")]
    [InlineData("admin, viewer")]
    public async Task Refuse_an_unknown_or_missing_role_on_a_role_change_and_change_nothing(string role)
    {
        var slug = $"ri-change-{Math.Abs(role.GetHashCode()) % 100000}";
        var organization = await Portal.AddOrganizationAsync(slug);
        await Portal.AddUserAsync($"admin@{slug}.test", organization, MembershipRole.Admin);
        var viewer = await Portal.AddUserAsync($"viewer@{slug}.test", organization, MembershipRole.Viewer);
        var admin = Portal.ClientFor($"{slug}.localhost");
        await PortalFactory.SignInAsync(admin, $"admin@{slug}.test");

        var response = await PortalFactory.PostFormAsync(admin, "/account/login", $"/users?handler=Role&userId={viewer.Id}", ("role", role));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Choose a role", (await PortalFactory.ParseAsync(response)).QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal(MembershipRole.Viewer, await Portal.WithServiceAsync<MembershipRole, CatalogDbContext>(c =>
            c.Memberships.Where(m => m.OrganizationId == organization.Id && m.UserId == viewer.Id).Select(m => m.Role).SingleAsync()));
    }

    [Theory]
    [InlineData("99")]
    [InlineData("")]
    [InlineData("1")]
    public async Task Refuse_an_unknown_or_missing_role_on_an_invitation_and_send_nothing(string role)
    {
        var slug = $"ri-invite-{Math.Abs(role.GetHashCode()) % 100000}";
        var organization = await Portal.AddOrganizationAsync(slug);
        await Portal.AddUserAsync($"admin@{slug}.test", organization, MembershipRole.Admin);
        var admin = Portal.ClientFor($"{slug}.localhost");
        await PortalFactory.SignInAsync(admin, $"admin@{slug}.test");

        var response = await PortalFactory.PostFormAsync(admin, "/account/login", "/users?handler=Invite", ("email", $"new@{slug}.test"), ("role", role));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Choose a role", (await PortalFactory.ParseAsync(response)).QuerySelector("[role=alert]")?.TextContent);
        Assert.False(await Portal.WithServiceAsync<bool, CatalogDbContext>(c => c.Invitations.AnyAsync(i => i.Email == $"new@{slug}.test")));
    }
}
