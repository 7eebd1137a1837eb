using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity.Support;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>
/// Support access ("view as") through the real pages: a super admin views one organization as one of its members, for
/// a reason, audited as "super admin as member"; the member's own sign-in and every other organization stay closed;
/// it stops by the button, by the clock after 30 minutes, or when the organization switches it off — back to the super
/// admin's own session each time; and nobody but a super admin may start it.
/// </summary>
public sealed class SupportAccessShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task View_as_a_member_for_a_reason_audited_as_both_then_stop_back_to_the_own_session()
    {
        var organization = await Portal.AddOrganizationAsync("support-view");
        var other = await Portal.AddOrganizationAsync("support-other");
        var ann = await Portal.AddUserAsync("ann@support-view.test", organization, MembershipRole.Admin);
        await AddMembershipAsync(other, ann.Id);
        var root = await Portal.SuperAdminClientAsync();

        var details = await PortalFactory.ParseAsync(await root.GetAsync("/admin/organizations/support-view?member=ann"));
        var viewAs = details.QuerySelector("[data-testid=support-members] tr[data-email='ann@support-view.test'] a")!.GetAttribute("href")!;
        Assert.Equal($"/admin/organizations/support-view/view-as/{ann.Id}", viewAs);

        var noReason = await PortalFactory.PostFormAsync(root, viewAs, viewAs, ("reason", "   "));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Say why", (await PortalFactory.ParseAsync(noReason)).QuerySelector("[data-testid=reason-error]")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/admin")).StatusCode); // still the super admin

        var started = await PortalFactory.PostFormAsync(root, viewAs, viewAs, ("reason", "Ticket 42: users page"));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal("/o/support-view/", started.Headers.Location!.OriginalString);

        var home = await PortalFactory.ParseAsync(await root.GetAsync("/o/support-view/"));
        var banner = home.QuerySelector("[data-testid=support-banner]")?.TextContent ?? "";
        Assert.Contains("Viewing as ann@support-view.test", System.Text.RegularExpressions.Regex.Replace(banner, @"\s+", " "));
        Assert.Contains("Ticket 42: users page", banner);
        Assert.Null(home.QuerySelector("[data-testid=switcher]")); // the person's other organizations stay out of sight

        // What the member may do, done as them: audited as the super admin as the member.
        var invited = await PortalFactory.PostFormAsync(root, "/o/support-view/users", "/o/support-view/users?handler=Invite",
            ("email", "new@support-view.test"), ("role", "User"));
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode); // post/redirect/get: sent

        // Nothing of the member's own sign-in, no other organization, no platform page.
        Assert.Equal(HttpStatusCode.Forbidden, (await root.GetAsync("/account/me")).StatusCode);
        var password = await PortalFactory.PostFormAsync(root, "/o/support-view/users", "/account/me?handler=Password",
            ("PasswordInput.Current", PortalFactory.Password), ("PasswordInput.New", "taken over by support"), ("PasswordInput.Confirm", "taken over by support"));
        Assert.Equal(HttpStatusCode.Forbidden, password.StatusCode);
        Assert.Contains("Not during support access", (await PortalFactory.ParseAsync(password)).QuerySelector("h1")?.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await PortalFactory.PostFormAsync(root, "/o/support-view/users", "/o/support-view/account/me?handler=EndAllSessions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PortalFactory.PostFormAsync(root, "/o/support-view/users", "/account/two-factor?handler=Start")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await root.GetAsync("/o/support-other/")).StatusCode);
        var platform = await root.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, platform.StatusCode);
        Assert.Equal("/o/support-view/", platform.Headers.Location!.OriginalString);
        Assert.True(await Portal.WithServiceAsync<bool, Microsoft.AspNetCore.Identity.UserManager<MarketEdge.Portal.Identity.PortalUser>>(
            async users => await users.CheckPasswordAsync((await users.FindByIdAsync(ann.Id.ToString()))!, PortalFactory.Password)));

        // The organization's own log says who did it, as whom.
        var orgAudit = await PortalFactory.ParseAsync(await root.GetAsync("/o/support-view/audit?what=invitation.sent"));
        Assert.Equal($"{PortalFactory.SuperAdminEmail} as ann@support-view.test", orgAudit.QuerySelector("[data-testid=audit-who]")?.TextContent);

        var stopped = await PortalFactory.PostFormAsync(root, "/o/support-view/users", "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        Assert.Equal("/admin/organizations/support-view", stopped.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/admin")).StatusCode); // the super admin's own session, without signing in again
        Assert.Null((await PortalFactory.ParseAsync(await root.GetAsync("/o/support-view/"))).QuerySelector("[data-testid=support-banner]"));

        var platformAudit = await PortalFactory.ParseAsync(await root.GetAsync("/admin/audit?organization=support-view"));
        var rows = platformAudit.QuerySelectorAll("[data-testid=audit-log] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("support.started") && r.Contains("Ticket 42: users page"));
        Assert.Contains(rows, r => r.Contains("support.ended"));
        Assert.Contains(rows, r => r.Contains("invitation.sent") && r.Contains($"{PortalFactory.SuperAdminEmail} as ann@support-view.test"));
    }

    [Fact]
    public async Task End_by_itself_after_thirty_minutes_and_return_to_the_super_admin()
    {
        var clock = new ShiftedClock();
        await using var portal = await PortalFactory.CreateAsync(clock: clock);
        var organization = await portal.AddOrganizationAsync("support-clock");
        var bob = await portal.AddUserAsync("bob@support-clock.test", organization);
        var root = portal.ClientFor();
        await PortalFactory.SignInAsync(root, PortalFactory.SuperAdminEmail);
        var viewAs = $"/admin/organizations/support-clock/view-as/{bob.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(root, viewAs, viewAs, ("reason", "Ticket 7"))).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull((await PortalFactory.ParseAsync(await root.GetAsync("/o/support-clock/"))).QuerySelector("[data-testid=support-banner]"));
        Assert.Single(await portal.WithServiceAsync<List<MarketEdge.Portal.Identity.OpenSession>, MarketEdge.Portal.Identity.Sessions>(
            sessions => sessions.OpenAsync(bob.Id, CancellationToken.None))); // listed among the person's own sessions while it lasts

        clock.Advance(TimeSpan.FromMinutes(2));
        var after = await root.GetAsync("/o/support-clock/");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Null((await PortalFactory.ParseAsync(after)).QuerySelector("[data-testid=support-banner]"));
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/admin")).StatusCode);
        Assert.Empty(await portal.WithServiceAsync<List<MarketEdge.Portal.Identity.OpenSession>, MarketEdge.Portal.Identity.Sessions>(
            sessions => sessions.OpenAsync(bob.Id, CancellationToken.None)));
        Assert.Equal(1, await portal.WithServiceAsync<int, CatalogDbContext>(catalog =>
            catalog.AuditEvents.CountAsync(e => e.Action == "support.ended" && e.OrganizationId == organization.Id && e.Details!.StartsWith("Time up"))));
    }

    [Fact]
    public async Task Be_refused_once_the_organization_switches_it_off_which_also_ends_support_under_way()
    {
        var organization = await Portal.AddOrganizationAsync("support-off");
        await Portal.AddUserAsync("admin@support-off.test", organization, MembershipRole.Admin);
        var carl = await Portal.AddUserAsync("carl@support-off.test", organization);
        var root = await Portal.SuperAdminClientAsync();
        var viewAs = $"/admin/organizations/support-off/view-as/{carl.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(root, viewAs, viewAs, ("reason", "Ticket 9"))).StatusCode);
        Assert.NotNull((await PortalFactory.ParseAsync(await root.GetAsync("/o/support-off/"))).QuerySelector("[data-testid=support-banner]"));

        var admin = Portal.ClientFor();
        await PortalFactory.SignInAsync(admin, "admin@support-off.test");
        var off = await PortalFactory.PostFormAsync(admin, "/o/support-off/settings", "/o/support-off/settings?handler=SupportAccess");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);

        Assert.Null((await PortalFactory.ParseAsync(await root.GetAsync("/o/support-off/"))).QuerySelector("[data-testid=support-banner]"));
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/admin")).StatusCode); // back as the super admin
        var page = await PortalFactory.ParseAsync(await root.GetAsync(viewAs));
        Assert.Contains("switched support access off", page.QuerySelector("[data-testid=view-as-refused]")?.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=view-as-form]"));
        var refused = await PortalFactory.PostFormAsync(root, "/admin", viewAs, ("reason", "Ticket 9 again"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/admin")).StatusCode); // nothing started
        Assert.NotNull((await PortalFactory.ParseAsync(await root.GetAsync("/admin/organizations/support-off"))).QuerySelector("[data-testid=support-switched-off]"));

        var on = await PortalFactory.PostFormAsync(admin, "/o/support-off/settings", "/o/support-off/settings?handler=SupportAccess", ("allowed", "true"));
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(root, viewAs, viewAs, ("reason", "Ticket 9, allowed again"))).StatusCode);
    }

    [Fact]
    public async Task Let_only_super_admins_start_it_and_only_as_a_member_who_is_not_one()
    {
        var organization = await Portal.AddOrganizationAsync("support-who");
        await Portal.AddUserAsync("admin@support-who.test", organization, MembershipRole.Admin);
        var dora = await Portal.AddUserAsync("dora@support-who.test", organization);
        var stranger = await Portal.AddUserAsync("stranger@support-who.test");
        var viewAs = $"/admin/organizations/support-who/view-as/{dora.Id}";

        var admin = Portal.ClientFor();
        await PortalFactory.SignInAsync(admin, "admin@support-who.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(viewAs)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PortalFactory.PostFormAsync(admin, "/o/support-who/users", viewAs, ("reason", "curious"))).StatusCode);
        Assert.Null((await PortalFactory.ParseAsync(await admin.GetAsync("/o/support-who/"))).QuerySelector("[data-testid=support-banner]"));

        var root = await Portal.SuperAdminClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await root.GetAsync($"/admin/organizations/support-who/view-as/{stranger.Id}")).StatusCode);
        var rootId = await Portal.WithServiceAsync<Guid, CatalogDbContext>(catalog => catalog.Users.Where(u => u.Email == PortalFactory.SuperAdminEmail).Select(u => u.Id).SingleAsync());
        await AddMembershipAsync(organization, rootId);
        var self = await PortalFactory.PostFormAsync(root, "/admin", $"/admin/organizations/support-who/view-as/{rootId}", ("reason", "me"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        Assert.Equal(0, await Portal.WithServiceAsync<int, CatalogDbContext>(catalog =>
            catalog.UserSessions.CountAsync(s => s.SupportOrganizationId == organization.Id)));
    }

    [Fact]
    public async Task Keep_the_switch_off_against_a_super_admin_who_would_switch_it_back_on()
    {
        var organization = await Portal.AddOrganizationAsync("support-keep-off");
        await Portal.AddUserAsync("admin@support-keep-off.test", organization, MembershipRole.Admin);
        await Portal.WithServiceAsync<int, CatalogDbContext>(catalog => catalog.Organizations.Where(o => o.Id == organization.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.RefuseSupportAccess, true)));
        var root = await Portal.SuperAdminClientAsync();

        var on = await PortalFactory.PostFormAsync(root, "/o/support-keep-off/settings", "/o/support-keep-off/settings?handler=SupportAccess", ("allowed", "true"));

        Assert.Equal(HttpStatusCode.Forbidden, on.StatusCode);
        Assert.True(await RefusesAsync(organization));
    }

    [Fact]
    public async Task End_when_the_super_admins_own_session_ends()
    {
        var organization = await Portal.AddOrganizationAsync("support-own-end");
        var erin = await Portal.AddUserAsync("erin@support-own-end.test", organization);
        var laptop = await Portal.SuperAdminClientAsync();
        var viewAs = $"/admin/organizations/support-own-end/view-as/{erin.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(laptop, viewAs, viewAs, ("reason", "Ticket 11"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/o/support-own-end/")).StatusCode);

        var phone = await Portal.SuperAdminClientAsync(); // the laptop is lost: the super admin signs out everywhere else
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(phone, "/account/me", "/account/me?handler=EndAllSessions")).StatusCode);

        var after = await laptop.GetAsync("/o/support-own-end/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Leave_the_persons_own_membership_and_the_organizations_sign_in_rules_alone()
    {
        var organization = await Portal.AddOrganizationAsync("support-self");
        var fay = await Portal.AddUserAsync("fay@support-self.test", organization, MembershipRole.Admin);
        await Portal.AddUserAsync("gus@support-self.test", organization, MembershipRole.Admin);
        var root = await Portal.SuperAdminClientAsync();
        var viewAs = $"/admin/organizations/support-self/view-as/{fay.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(root, viewAs, viewAs, ("reason", "Ticket 12"))).StatusCode);

        var demoted = await PortalFactory.PostFormAsync(root, "/o/support-self/users", $"/o/support-self/users?handler=Role&userId={fay.Id}", ("role", "Viewer"));
        Assert.Contains("Not during support access", await demoted.Content.ReadAsStringAsync());
        await PortalFactory.PostFormAsync(root, "/o/support-self/users", $"/o/support-self/users?handler=Deactivate&userId={fay.Id}");
        Assert.Equal((MembershipRole.Admin, MembershipStatus.Active), await Portal.WithServiceAsync<(MembershipRole, MembershipStatus), CatalogDbContext>(async catalog =>
            await catalog.Memberships.Where(m => m.UserId == fay.Id).Select(m => new ValueTuple<MembershipRole, MembershipStatus>(m.Role, m.Status)).SingleAsync()));

        Assert.Equal(HttpStatusCode.Forbidden, (await root.GetAsync("/o/support-self/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await root.GetAsync("/o/support-self/settings/sso")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await root.GetAsync("/o/support-self/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PortalFactory.PostFormAsync(root, "/o/support-self/users", "/o/support-self/settings?handler=TwoFactor", ("required", "true"))).StatusCode);
    }

    [Fact]
    public async Task Want_a_reason_in_words_and_keep_one_support_session_per_super_admin()
    {
        var organization = await Portal.AddOrganizationAsync("support-reason");
        var hal = await Portal.AddUserAsync("hal@support-reason.test", organization, MembershipRole.Admin);
        var root = await Portal.SuperAdminClientAsync();
        var viewAs = $"/admin/organizations/support-reason/view-as/{hal.Id}";

        var invisible = await PortalFactory.PostFormAsync(root, viewAs, viewAs, ("reason", "\u200B\u200B\u2066"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invisible.StatusCode);
        Assert.NotNull((await PortalFactory.ParseAsync(invisible)).QuerySelector("[data-testid=reason-error]"));

        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(root, viewAs, viewAs, ("reason", "Ticket 13"))).StatusCode);
        var added = await PortalFactory.PostFormAsync(root, "/o/support-reason/competitors", "/o/support-reason/competitors?handler=Add", ("name", "Rival"), ("location", "York"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var again = await Portal.SuperAdminClientAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(again, viewAs, viewAs, ("reason", "Ticket 13, second window"))).StatusCode);

        Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(catalog =>
            catalog.UserSessions.CountAsync(s => s.SupportOrganizationId == organization.Id && s.EndedAt == null)));
        Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(catalog =>
            catalog.AuditEvents.CountAsync(e => e.OrganizationId == organization.Id && e.Action == "competitor.added" && e.ActorUserId == hal.Id && e.SupportUserId != null)));
    }

    [Fact]
    public async Task Name_the_super_admin_on_invitations_a_list_sent_during_support_access_makes_in_the_background()
    {
        var organization = await Portal.AddOrganizationAsync("support-bulk");
        var ida = await Portal.AddUserAsync("ida@support-bulk.test", organization, MembershipRole.Admin);
        var root = await Portal.SuperAdminClientAsync();
        var viewAs = $"/admin/organizations/support-bulk/view-as/{ida.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(root, viewAs, viewAs, ("reason", "Ticket 21: import"))).StatusCode);
        var upload = new MultipartFormDataContent
        {
            { new StringContent(await PortalFactory.AntiforgeryTokenAsync(root, "/o/support-bulk/users/import")), "__RequestVerificationToken" },
            { new ByteArrayContent("email,name,role\njo@support-bulk.test,Jo,User\n"u8.ToArray()), "file", "people.csv" },
        };
        var preview = await root.PostAsync("/o/support-bulk/users/import", upload);
        Assert.Equal(HttpStatusCode.Redirect, preview.StatusCode);
        var list = preview.Headers.Location!.OriginalString;

        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(root, list, $"{list}?handler=Send")).StatusCode);

        var rootId = await Portal.WithServiceAsync<Guid, CatalogDbContext>(catalog => catalog.Users.Where(u => u.Email == PortalFactory.SuperAdminEmail).Select(u => u.Id).SingleAsync());
        var sent = await Eventually.ReachedAsync(
            () => Portal.WithServiceAsync<AuditEvent?, CatalogDbContext>(catalog => catalog.AuditEvents.AsNoTracking()
                .SingleOrDefaultAsync(e => e.OrganizationId == organization.Id && e.Action == "invitation.sent")),
            e => e is not null, TimeSpan.FromSeconds(30), _ => "The list was not sent.");
        Assert.Equal((ida.Id, rootId), (sent!.ActorUserId!.Value, sent.SupportUserId ?? Guid.Empty));
    }

    private Task<bool> RefusesAsync(Organization organization) =>
        Portal.WithServiceAsync<bool, CatalogDbContext>(catalog => catalog.Organizations.Where(o => o.Id == organization.Id).Select(o => o.RefuseSupportAccess).SingleAsync());

    private Task AddMembershipAsync(Organization organization, Guid userId) =>
        Portal.WithServiceAsync<int, CatalogDbContext>(catalog =>
        {
            catalog.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = userId, Role = MembershipRole.User });
            return catalog.SaveChangesAsync();
        });
}
