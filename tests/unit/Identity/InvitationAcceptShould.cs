using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Identity;

public sealed class InvitationAcceptShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Create_the_account_and_membership_once_then_refuse_the_used_link()
    {
        var organization = await Portal.AddOrganizationAsync("inv-new");
        var token = await Portal.InviteAsync(organization, "newcomer@inv-new.test");
        var client = Portal.ClientFor("inv-new.localhost");

        var accepted = await PortalFactory.PostFormAsync(client, $"/invitations/accept?token={token}", "/invitations/accept",
            ("token", token), ("Input.DisplayName", "New Comer"), ("Input.Password", PortalFactory.Password));

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var membership = await Portal.WithServiceAsync<Membership, CatalogDbContext>(catalog =>
            catalog.Memberships.Include(m => m.User).SingleAsync(m => m.OrganizationId == organization.Id));
        Assert.Equal(("newcomer@inv-new.test", MembershipRole.Admin), (membership.User.Email, membership.Role));

        Assert.NotNull(membership.User.LastSignInAt); // accepting signed them in: the users page must not say "never"

        var again = await Portal.ClientFor("inv-new.localhost").GetAsync($"/invitations/accept?token={token}");
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("already been used", (await PortalFactory.ParseAsync(again)).QuerySelector("[data-testid=invitation-problem]")?.TextContent);
    }

    [Fact]
    public async Task Refuse_an_unknown_token_and_a_token_opened_on_another_organizations_subdomain()
    {
        var mine = await Portal.AddOrganizationAsync("inv-mine");
        await Portal.AddOrganizationAsync("inv-other");
        var token = await Portal.InviteAsync(mine, "someone@inv-mine.test");

        var unknown = await Portal.ClientFor("inv-mine.localhost").GetAsync("/invitations/accept?token=not-a-real-token");
        Assert.Equal(HttpStatusCode.Gone, unknown.StatusCode);

        var elsewhere = await Portal.ClientFor("inv-other.localhost").GetAsync($"/invitations/accept?token={token}");
        Assert.Contains("not valid here", (await PortalFactory.ParseAsync(elsewhere)).QuerySelector("[data-testid=invitation-problem]")?.TextContent);
        Assert.Equal(0, await Portal.WithServiceAsync<int, CatalogDbContext>(catalog =>
            catalog.Memberships.CountAsync(m => m.OrganizationId == mine.Id)));
    }

    [Fact]
    public async Task Add_the_membership_to_an_existing_account_only_with_its_password()
    {
        var organization = await Portal.AddOrganizationAsync("inv-existing");
        await Portal.AddUserAsync("known@inv-existing.test");
        var token = await Portal.InviteAsync(organization, "known@inv-existing.test");
        var client = Portal.ClientFor("inv-existing.localhost");

        var wrong = await PortalFactory.PostFormAsync(client, $"/invitations/accept?token={token}", "/invitations/accept",
            ("token", token), ("Input.Password", "not the password at all"));
        Assert.Contains("not this account's password", (await PortalFactory.ParseAsync(wrong)).QuerySelector("[data-valmsg-for='Input.Password']")?.TextContent);

        var right = await PortalFactory.PostFormAsync(client, $"/invitations/accept?token={token}", "/invitations/accept",
            ("token", token), ("Input.Password", PortalFactory.Password));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(catalog =>
            catalog.Memberships.CountAsync(m => m.OrganizationId == organization.Id)));
    }
}
