using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>Each rule of user management, tried by posting to the users page's handlers directly, as an attacker would.</summary>
public sealed class MemberManagementShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Refuse_users_and_viewers_any_management_including_raising_their_own_role()
    {
        var (organization, _) = await OrganizationWithAdminAsync("mm-escalate");
        var user = await Portal.AddUserAsync("user@mm-escalate.test", organization, MembershipRole.User);
        await Portal.AddUserAsync("viewer@mm-escalate.test", organization, MembershipRole.Viewer);

        foreach (var email in new[] { "user@mm-escalate.test", "viewer@mm-escalate.test" })
        {
            var client = await SignedInAsync("mm-escalate", email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/users")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Post(client, $"/users?handler=Role&userId={user.Id}", ("role", "Admin"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await Post(client, "/users?handler=Invite", ("email", "friend@mm.test"), ("role", "Admin"))).StatusCode);
        }

        Assert.Equal(MembershipRole.User, (await MembershipAsync(organization.Id, user.Id)).Role);
        Assert.Equal(0, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Invitations.CountAsync(i => i.Email == "friend@mm.test")));
    }

    [Fact]
    public async Task Give_every_form_of_the_users_page_its_antiforgery_field_and_its_own_member_or_invitation()
    {
        var (organization, _) = await OrganizationWithAdminAsync("mm-forms");
        var user = await Portal.AddUserAsync("user@mm-forms.test", organization, MembershipRole.User);
        var client = await SignedInAsync("mm-forms", "admin@mm-forms.test");
        Assert.Equal(HttpStatusCode.Redirect, (await Post(client, "/users?handler=Invite", ("email", "new@mm-forms.test"), ("role", "Viewer"))).StatusCode);

        var page = await PortalFactory.ParseAsync(await client.GetAsync("/users"));

        var forms = page.QuerySelectorAll("#users-panel form[method=post]").ToList();
        Assert.NotEmpty(forms);
        Assert.All(forms, form => Assert.Single(form.QuerySelectorAll("input[name=__RequestVerificationToken]")));
        Assert.All(forms, form => Assert.Equal(form.GetAttribute("action"), form.GetAttribute("hx-post") ?? form.GetAttribute("action")));
        var userRow = page.QuerySelector($"tr[data-user='{user.Id}']")!;
        Assert.Equal(
            [$"/users?handler=Role&userId={user.Id}", $"/users?handler=Deactivate&userId={user.Id}", $"/users?handler=Remove&userId={user.Id}"],
            userRow.QuerySelectorAll("form").Select(f => f.GetAttribute("action")));
        var invitationId = await Portal.WithServiceAsync<Guid, CatalogDbContext>(c => c.Invitations.Where(i => i.Email == "new@mm-forms.test").Select(i => i.Id).SingleAsync());
        Assert.Equal(
            [$"/users?handler=Resend&invitationId={invitationId}", $"/users?handler=Revoke&invitationId={invitationId}"],
            page.QuerySelectorAll("[data-testid=invitations] tr[data-email='new@mm-forms.test'] form").Select(f => f.GetAttribute("action")));
    }

    [Fact]
    public async Task Keep_at_least_one_active_admin_whichever_way_the_last_one_tries_to_go()
    {
        var (organization, admin) = await OrganizationWithAdminAsync("mm-last");
        var client = await SignedInAsync("mm-last", "admin@mm-last.test");

        foreach (var (action, fields) in new (string, (string, string)[])[]
        {
            ($"/users?handler=Role&userId={admin.Id}", [("role", "User")]),
            ($"/users?handler=Deactivate&userId={admin.Id}", []),
            ($"/users?handler=Remove&userId={admin.Id}", []),
        })
        {
            var response = await Post(client, action, fields);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("at least one active Admin", (await PortalFactory.ParseAsync(response)).QuerySelector("[role=alert]")?.TextContent);
        }

        var membership = await MembershipAsync(organization.Id, admin.Id);
        Assert.Equal((MembershipRole.Admin, MembershipStatus.Active), (membership.Role, membership.Status));

        var second = await Portal.AddUserAsync("second@mm-last.test", organization, MembershipRole.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(client, $"/users?handler=Role&userId={admin.Id}", ("role", "User"))).StatusCode);
        Assert.Equal(MembershipRole.User, (await MembershipAsync(organization.Id, admin.Id)).Role);
        Assert.Equal(MembershipRole.Admin, (await MembershipAsync(organization.Id, second.Id)).Role);
    }

    [Fact]
    public async Task Not_find_another_organizations_members_or_invitations()
    {
        await OrganizationWithAdminAsync("mm-odeon");
        var (vue, vueAdmin) = await OrganizationWithAdminAsync("mm-vue");
        var vueMember = await Portal.AddUserAsync("member@mm-vue.test", vue, MembershipRole.User);
        var vueClient = await SignedInAsync("mm-vue", "admin@mm-vue.test");
        await Post(vueClient, "/users?handler=Invite", ("email", "pending@mm-vue.test"), ("role", "Viewer"));
        var vueInvitation = await Portal.WithServiceAsync<Guid, CatalogDbContext>(c => c.Invitations.Where(i => i.Email == "pending@mm-vue.test").Select(i => i.Id).SingleAsync());
        var odeonAdmin = await SignedInAsync("mm-odeon", "admin@mm-odeon.test");

        foreach (var action in new[]
        {
            $"/users?handler=Role&userId={vueMember.Id}", $"/users?handler=Deactivate&userId={vueMember.Id}",
            $"/users?handler=Remove&userId={vueMember.Id}", $"/users?handler=Remove&userId={vueAdmin.Id}",
            $"/users?handler=Resend&invitationId={vueInvitation}", $"/users?handler=Revoke&invitationId={vueInvitation}",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Post(odeonAdmin, action, ("role", "Viewer"))).StatusCode);
        }

        var membership = await MembershipAsync(vue.Id, vueMember.Id);
        Assert.Equal((MembershipRole.User, MembershipStatus.Active), (membership.Role, membership.Status));
        Assert.Null(await Portal.WithServiceAsync<DateTimeOffset?, CatalogDbContext>(c => c.Invitations.Where(i => i.Id == vueInvitation).Select(i => i.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task Shut_out_a_deactivated_member_at_their_next_request_and_let_them_back_when_reactivated()
    {
        var (organization, _) = await OrganizationWithAdminAsync("mm-deactivate");
        var member = await Portal.AddUserAsync("member@mm-deactivate.test", organization, MembershipRole.User);
        var memberClient = await SignedInAsync("mm-deactivate", "member@mm-deactivate.test");
        var admin = await SignedInAsync("mm-deactivate", "admin@mm-deactivate.test");
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync("/")).StatusCode);

        await Post(admin, $"/users?handler=Deactivate&userId={member.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, (await memberClient.GetAsync("/")).StatusCode);

        await Post(admin, $"/users?handler=Reactivate&userId={member.Id}");
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync("/")).StatusCode);

        await Post(admin, $"/users?handler=Remove&userId={member.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, (await memberClient.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Refuse_inviting_a_member_a_pending_address_or_a_bad_address_with_a_message()
    {
        var (organization, _) = await OrganizationWithAdminAsync("mm-invite");
        await Portal.AddUserAsync("member@mm-invite.test", organization);
        var admin = await SignedInAsync("mm-invite", "admin@mm-invite.test");
        Assert.Equal(HttpStatusCode.Redirect, (await Post(admin, "/users?handler=Invite", ("email", "new@mm-invite.test"), ("role", "Viewer"))).StatusCode);

        foreach (var (email, message) in new[]
        {
            ("member@mm-invite.test", "already a member"),
            ("NEW@mm-invite.test", "already been invited"),
            ("not an address", "valid email address"),
        })
        {
            var refused = await Post(admin, "/users?handler=Invite", ("email", email), ("role", "User"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains(message, (await PortalFactory.ParseAsync(refused)).QuerySelector("[role=alert]")?.TextContent);
        }

        Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Invitations.CountAsync(i => i.OrganizationId == organization.Id && i.Email != "admin@mm-invite.test")));
    }

    [Fact]
    public async Task Make_a_resent_invitations_old_link_and_a_revoked_or_expired_one_useless()
    {
        var (organization, _) = await OrganizationWithAdminAsync("mm-links");
        var admin = await SignedInAsync("mm-links", "admin@mm-links.test");
        await Post(admin, "/users?handler=Invite", ("email", "twice@mm-links.test"), ("role", "User"));
        var firstLink = await Portal.LatestInvitationTokenAsync("twice@mm-links.test");
        var invitationId = await Portal.WithServiceAsync<Guid, CatalogDbContext>(c => c.Invitations.Where(i => i.Email == "twice@mm-links.test").Select(i => i.Id).SingleAsync());

        await Post(admin, $"/users?handler=Resend&invitationId={invitationId}");
        var secondLink = await Portal.LatestInvitationTokenAsync("twice@mm-links.test");
        Assert.NotEqual(firstLink, secondLink);
        Assert.Equal(HttpStatusCode.Gone, (await Portal.ClientFor("mm-links.localhost").GetAsync($"/invitations/accept?token={firstLink}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Portal.ClientFor("mm-links.localhost").GetAsync($"/invitations/accept?token={secondLink}")).StatusCode);

        await Post(admin, $"/users?handler=Revoke&invitationId={invitationId}");
        var revoked = await Portal.ClientFor("mm-links.localhost").GetAsync($"/invitations/accept?token={secondLink}");
        Assert.Contains("withdrawn", (await PortalFactory.ParseAsync(revoked)).QuerySelector("[data-testid=invitation-problem]")?.TextContent);

        await Post(admin, "/users?handler=Invite", ("email", "late@mm-links.test"), ("role", "User"));
        var lateLink = await Portal.LatestInvitationTokenAsync("late@mm-links.test");
        await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Invitations.Where(i => i.Email == "late@mm-links.test")
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var expired = await Portal.ClientFor("mm-links.localhost").GetAsync($"/invitations/accept?token={lateLink}");
        Assert.Contains("expired", (await PortalFactory.ParseAsync(expired)).QuerySelector("[data-testid=invitation-problem]")?.TextContent);
        Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Memberships.CountAsync(m => m.OrganizationId == organization.Id)));
    }

    [Fact]
    public async Task Refuse_an_invitation_to_someone_signed_in_with_another_address()
    {
        var (organization, _) = await OrganizationWithAdminAsync("mm-wrong");
        await Portal.AddUserAsync("other@mm-wrong.test", organization);
        var admin = await SignedInAsync("mm-wrong", "admin@mm-wrong.test");
        await Post(admin, "/users?handler=Invite", ("email", "intended@mm-wrong.test"), ("role", "User"));
        var token = await Portal.LatestInvitationTokenAsync("intended@mm-wrong.test");
        var other = await SignedInAsync("mm-wrong", "other@mm-wrong.test");

        var page = await other.GetAsync($"/invitations/accept?token={token}");
        var accept = await PortalFactory.PostFormAsync(other, "/account/login", "/invitations/accept",
            ("token", token), ("Input.DisplayName", "Hijack"), ("Input.Password", PortalFactory.Password));

        Assert.Contains("but this invitation is for intended@mm-wrong.test", (await PortalFactory.ParseAsync(page)).QuerySelector("[data-testid=invitation-problem]")?.TextContent);
        Assert.Equal(HttpStatusCode.Gone, accept.StatusCode);
        Assert.False(await Portal.WithServiceAsync<bool, CatalogDbContext>(c => c.Users.AnyAsync(u => u.Email == "intended@mm-wrong.test")));
    }

    [Fact]
    public async Task Audit_every_invitation_role_change_deactivation_and_removal()
    {
        var (organization, _) = await OrganizationWithAdminAsync("mm-audit");
        var member = await Portal.AddUserAsync("member@mm-audit.test", organization);
        var admin = await SignedInAsync("mm-audit", "admin@mm-audit.test");

        await Post(admin, "/users?handler=Invite", ("email", "guest@mm-audit.test"), ("role", "Viewer"));
        await Post(admin, $"/users?handler=Role&userId={member.Id}", ("role", "Viewer"));
        await Post(admin, $"/users?handler=Deactivate&userId={member.Id}");
        await Post(admin, $"/users?handler=Reactivate&userId={member.Id}");
        await Post(admin, $"/users?handler=Remove&userId={member.Id}");

        var actions = await Portal.WithServiceAsync<List<string>, CatalogDbContext>(c => c.AuditEvents
            .Where(a => a.OrganizationId == organization.Id && a.ActorUserId != null).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["account.signed-in", "invitation.sent", "member.role-changed", "member.deactivated", "member.reactivated", "member.removed"], actions);
    }

    private async Task<(Organization Organization, PortalUser Admin)> OrganizationWithAdminAsync(string slug)
    {
        var organization = await Portal.AddOrganizationAsync(slug);
        var admin = await Portal.AddUserAsync($"admin@{slug}.test", organization, MembershipRole.Admin);
        return (organization, admin);
    }

    private async Task<HttpClient> SignedInAsync(string slug, string email)
    {
        var client = Portal.ClientFor($"{slug}.localhost");
        await PortalFactory.SignInAsync(client, email);
        return client;
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string action, params (string, string)[] fields) =>
        PortalFactory.PostFormAsync(client, "/account/login", action, fields);

    private Task<Membership> MembershipAsync(Guid organizationId, Guid userId) =>
        Portal.WithServiceAsync<Membership, CatalogDbContext>(c => c.Memberships.AsNoTracking().SingleAsync(m => m.OrganizationId == organizationId && m.UserId == userId));
}
