using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>Business rules under racing requests: each race is run many times, all requests of a round at once.</summary>
public sealed class ConcurrentRulesShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const int Rounds = 20;

    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Keep_an_admin_when_two_admins_demote_each_other_at_once()
    {
        var organization = await Portal.AddOrganizationAsync("cr-last-admin");
        var first = await Portal.AddUserAsync("first@cr-last-admin.test", organization, MembershipRole.Admin);
        var second = await Portal.AddUserAsync("second@cr-last-admin.test", organization, MembershipRole.Admin);
        var firstClient = await SignedInAsync("cr-last-admin", first.Email!);
        var secondClient = await SignedInAsync("cr-last-admin", second.Email!);
        var firstToken = await PortalFactory.AntiforgeryTokenAsync(firstClient, "/users");
        var secondToken = await PortalFactory.AntiforgeryTokenAsync(secondClient, "/users");

        for (var round = 0; round < Rounds; round++)
        {
            await Task.WhenAll(
                PostAsync(firstClient, firstToken, $"/users?handler=Role&userId={second.Id}", ("role", "User")),
                PostAsync(secondClient, secondToken, $"/users?handler=Role&userId={first.Id}", ("role", "User")));

            var admins = await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Memberships.CountAsync(m =>
                m.OrganizationId == organization.Id && m.Role == MembershipRole.Admin && m.Status == MembershipStatus.Active));
            Assert.True(admins >= 1, $"Round {round}: the organization was left without an active Admin.");
            await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Memberships.Where(m => m.OrganizationId == organization.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.Role, MembershipRole.Admin)));
        }
    }

    [Fact]
    public async Task Invite_an_address_once_when_two_admins_invite_it_at_once()
    {
        var organization = await Portal.AddOrganizationAsync("cr-invite");
        var first = await Portal.AddUserAsync("first@cr-invite.test", organization, MembershipRole.Admin);
        var second = await Portal.AddUserAsync("second@cr-invite.test", organization, MembershipRole.Admin);
        var firstClient = await SignedInAsync("cr-invite", first.Email!);
        var secondClient = await SignedInAsync("cr-invite", second.Email!);
        var firstToken = await PortalFactory.AntiforgeryTokenAsync(firstClient, "/users");
        var secondToken = await PortalFactory.AntiforgeryTokenAsync(secondClient, "/users");

        for (var round = 0; round < Rounds; round++)
        {
            var email = $"twice{round}@cr-invite.test";
            await Task.WhenAll(
                PostAsync(firstClient, firstToken, "/users?handler=Invite", ("email", email), ("role", "User")),
                PostAsync(secondClient, secondToken, "/users?handler=Invite", ("email", email.ToUpperInvariant()), ("role", "Viewer")));

            var invitations = await Portal.WithServiceAsync<int, CatalogDbContext>(c =>
                c.Invitations.CountAsync(i => i.OrganizationId == organization.Id && i.Email.ToLower() == email));
            Assert.True(invitations == 1, $"Round {round}: {invitations} invitations for one address.");
        }
    }

    [Fact]
    public async Task Accept_one_invitation_exactly_once_however_many_accepts_race()
    {
        var organization = await Portal.AddOrganizationAsync("cr-accept");
        for (var round = 0; round < Rounds; round++)
        {
            var email = $"racer{round}@cr-accept.test";
            var token = await Portal.InviteAsync(organization, email);
            var clients = Enumerable.Range(0, 6).Select(_ => Portal.ClientFor("cr-accept.localhost")).ToList();
            var antiforgery = await Task.WhenAll(clients.Select(c => PortalFactory.AntiforgeryTokenAsync(c, $"/invitations/accept?token={token}")));

            await Task.WhenAll(clients.Select((c, i) => PostAsync(c, antiforgery[i], "/invitations/accept",
                ("token", token), ("Input.DisplayName", "Racer"), ("Input.Password", PortalFactory.Password))));

            var accepted = await Portal.WithServiceAsync<int, CatalogDbContext>(c =>
                c.AuditEvents.CountAsync(a => a.Action == "invitation.accepted" && a.OrganizationId == organization.Id && a.Details!.StartsWith(email)));
            var memberships = await Portal.WithServiceAsync<int, CatalogDbContext>(c =>
                c.Memberships.CountAsync(m => m.OrganizationId == organization.Id && m.User.Email == email));
            Assert.Equal((1, 1), (accepted, memberships));
        }
    }

    [Fact]
    public async Task Either_accept_or_revoke_an_invitation_when_both_arrive_at_once_never_both()
    {
        var organization = await Portal.AddOrganizationAsync("cr-revoke");
        await Portal.AddUserAsync("admin@cr-revoke.test", organization, MembershipRole.Admin);
        var admin = await SignedInAsync("cr-revoke", "admin@cr-revoke.test");
        var adminToken = await PortalFactory.AntiforgeryTokenAsync(admin, "/users");
        for (var round = 0; round < Rounds; round++)
        {
            var email = $"maybe{round}@cr-revoke.test";
            var token = await Portal.InviteAsync(organization, email);
            var invitationId = await Portal.WithServiceAsync<Guid, CatalogDbContext>(c => c.Invitations.Where(i => i.Email == email).Select(i => i.Id).SingleAsync());
            var invitee = Portal.ClientFor("cr-revoke.localhost");
            var inviteeToken = await PortalFactory.AntiforgeryTokenAsync(invitee, $"/invitations/accept?token={token}");

            await Task.WhenAll(
                PostAsync(invitee, inviteeToken, "/invitations/accept", ("token", token), ("Input.DisplayName", "Maybe"), ("Input.Password", PortalFactory.Password)),
                PostAsync(admin, adminToken, $"/users?handler=Revoke&invitationId={invitationId}"));

            var invitation = await Portal.WithServiceAsync<Invitation, CatalogDbContext>(c => c.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitationId));
            var isMember = await Portal.WithServiceAsync<bool, CatalogDbContext>(c => c.Memberships.AnyAsync(m => m.OrganizationId == organization.Id && m.User.Email == email));
            Assert.False(invitation.AcceptedAt is not null && invitation.RevokedAt is not null, $"Round {round}: accepted and revoked both.");
            Assert.Equal(invitation.AcceptedAt is not null, isMember);
        }
    }

    [Fact]
    public async Task Never_reactivate_a_member_an_admin_deactivated_by_accepting_an_invitation()
    {
        var organization = await Portal.AddOrganizationAsync("cr-deactivated");
        var token = await Portal.InviteAsync(organization, "benched@cr-deactivated.test");
        var benched = await Portal.AddUserAsync("benched@cr-deactivated.test", organization, MembershipRole.Viewer);
        await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Memberships.Where(m => m.UserId == benched.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, MembershipStatus.Deactivated)));
        var client = Portal.ClientFor("cr-deactivated.localhost");

        var response = await PortalFactory.PostFormAsync(client, $"/invitations/accept?token={token}", "/invitations/accept",
            ("token", token), ("Input.Password", PortalFactory.Password));

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        var membership = await Portal.WithServiceAsync<Membership, CatalogDbContext>(c => c.Memberships.AsNoTracking().SingleAsync(m => m.UserId == benched.Id));
        Assert.Equal((MembershipStatus.Deactivated, MembershipRole.Viewer), (membership.Status, membership.Role));
    }

    private async Task<HttpClient> SignedInAsync(string slug, string email)
    {
        var client = Portal.ClientFor($"{slug}.localhost");
        var response = await PortalFactory.SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string antiforgery, string action, params (string Name, string Value)[] fields)
    {
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        values["__RequestVerificationToken"] = antiforgery;
        return client.PostAsync(action, new FormUrlEncodedContent(values));
    }
}
