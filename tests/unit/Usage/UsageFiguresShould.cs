using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;
using MarketEdge.Portal.Usage;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Usage;

/// <summary>
/// Usage at a glance: the figures worked out from what the portal writes (memberships, invitations, sessions, sign-ins),
/// and shown on the organization list, the organization's admin page and the admin home.
/// </summary>
public sealed class UsageFiguresShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Count_members_invitations_recent_people_sign_ins_and_the_database_and_show_them()
    {
        var organization = await Portal.AddOrganizationAsync("usage-a");
        await Portal.AddUserAsync("ivy@usage-a.test", organization, MembershipRole.Admin);
        var quiet = await Portal.AddUserAsync("quiet@usage-a.test", organization);
        var gone = await Portal.AddUserAsync("gone@usage-a.test", organization);
        await Portal.WithServiceAsync<int, CatalogDbContext>(catalog => catalog.Memberships.Where(m => m.UserId == gone.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, MembershipStatus.Deactivated)));
        await Portal.InviteAsync(organization, "soon@usage-a.test");
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(Portal.ClientFor(), "ivy@usage-a.test")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(Portal.ClientFor(), "ivy@usage-a.test")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(Portal.ClientFor("usage-a.localhost"), "ivy@usage-a.test")).StatusCode);
        var root = await Portal.SuperAdminClientAsync();
        var viewAs = $"/admin/organizations/usage-a/view-as/{quiet.Id}"; // support access is not the person being active
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(root, viewAs, viewAs, ("reason", "Ticket 99"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(root, "/o/usage-a/", "/account/logout")).StatusCode);

        await Portal.WithServiceAsync<int, UsageRefresh>(async refresh =>
        {
            await refresh.RefreshAsync(CancellationToken.None);
            return 0;
        });

        var figures = await Portal.WithServiceAsync<UsageFigures, CatalogDbContext>(catalog => catalog.UsageFigures.SingleAsync(u => u.OrganizationId == organization.Id));
        Assert.Equal(2, figures.MembersActive);
        Assert.Equal(1, figures.MembersInvited);
        Assert.Equal(1, figures.ActiveLast30Days);
        Assert.Equal(UsageFigures.Days, figures.SignInsPerDay.Length);
        Assert.Equal(3, figures.SignInsPerDay[^1]);
        Assert.Equal(3, figures.SignInsPerDay.Sum());
        Assert.True(figures.DatabaseBytes > 1_000_000, $"{figures.DatabaseBytes} bytes"); // a real PostgreSQL database is several MB
        Assert.NotNull(figures.LastActivityAt);
        var platform = await Portal.WithServiceAsync<UsageFigures, CatalogDbContext>(catalog => catalog.UsageFigures.SingleAsync(u => u.OrganizationId == UsageFigures.Platform));
        Assert.True(platform.SignInsPerDay[^1] >= 4, string.Join(",", platform.SignInsPerDay)); // Ivy three times, the super admin once
        Assert.True(platform.DatabaseBytes >= figures.DatabaseBytes);

        var list = await PortalFactory.ParseAsync(await root.GetAsync("/admin/organizations?q=usage-a"));
        var row = list.QuerySelector("tr[data-slug=usage-a]")!;
        Assert.Equal("2 / 1", row.QuerySelector("[data-testid=row-members]")?.TextContent);
        Assert.Equal("3", row.QuerySelector("[data-testid=sign-ins-chart]")?.GetAttribute("data-total"));
        var details = await PortalFactory.ParseAsync(await root.GetAsync("/admin/organizations/usage-a"));
        Assert.Equal("1", details.QuerySelector("[data-testid=usage-active]")?.TextContent);
        Assert.Equal(UsageFigures.Days, details.QuerySelectorAll("[data-testid=usage] [data-testid=sign-ins-chart] rect").Length);
        Assert.Contains("3 sign-ins in the last 30 days", details.QuerySelector("[data-testid=usage] [data-testid=sign-ins-chart]")?.GetAttribute("aria-label"));
        var home = await PortalFactory.ParseAsync(await root.GetAsync("/admin"));
        Assert.NotNull(home.QuerySelector("[data-testid=platform-usage] [data-testid=sign-ins-chart]"));
    }

    [Fact]
    public async Task Work_the_figures_out_again_when_a_super_admin_asks()
    {
        var organization = await Portal.AddOrganizationAsync("usage-b");
        var root = await Portal.SuperAdminClientAsync();
        await Portal.AddUserAsync("new@usage-b.test", organization);

        var refreshed = await PortalFactory.PostFormAsync(root, "/admin", "/admin?handler=RefreshUsage");

        Assert.Equal(HttpStatusCode.Redirect, refreshed.StatusCode);
        Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(catalog =>
            catalog.UsageFigures.Where(u => u.OrganizationId == organization.Id).Select(u => u.MembersActive).SingleAsync()));
    }

    [Theory]
    [InlineData(0.50, 50)]
    [InlineData(0.95, 95)]
    [InlineData(1.00, 100)]
    public void Take_the_nearest_rank_percentile(double fraction, int expected) =>
        Assert.Equal(expected, UsageRefresh.Percentile(Enumerable.Range(1, 100).Select(i => (double)i).ToList(), fraction));

    [Fact]
    public void Have_no_percentile_without_any_run() => Assert.Null(UsageRefresh.Percentile([], 0.5));
}
