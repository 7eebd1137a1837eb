using MarketEdge.Portal.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Provisioning;

/// <summary>Each lifecycle action by a super admin, checked by what a member of the organization then sees.</summary>
public sealed class OrganizationLifecycleShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Shut_members_out_at_once_when_suspended_and_let_them_back_when_reactivated()
    {
        var (member, details) = await ActiveOrganizationWithMemberAsync("life-suspend");
        var admin = await Portal.SuperAdminClientAsync();

        await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Suspend");
        var shutOut = await member.GetAsync("/");
        Assert.Equal(HttpStatusCode.Forbidden, shutOut.StatusCode);
        Assert.Equal("Organization unavailable", (await PortalFactory.ParseAsync(shutOut)).QuerySelector("h1")?.TextContent);

        await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Reactivate");
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/")).StatusCode);
        Assert.Equal(["organization.reactivated", "organization.suspended"], await AuditAsync("life-suspend", 2));
    }

    [Fact]
    public async Task Show_no_provisioning_history_for_an_organization_never_provisioned()
    {
        await Portal.AddOrganizationAsync("life-no-runs"); // made active directly: no provisioning run exists
        var admin = await Portal.SuperAdminClientAsync();

        var page = await PortalFactory.ParseAsync(await admin.GetAsync("/admin/organizations/life-no-runs"));

        Assert.Contains("History", page.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.DoesNotContain("Provisioning history", page.QuerySelectorAll("h2").Select(h => h.TextContent));
    }

    [Fact]
    public async Task Show_members_the_modules_their_flags_switch_on_overrides_first()
    {
        var (member, details) = await ActiveOrganizationWithMemberAsync("life-flags");
        var admin = await Portal.SuperAdminClientAsync();
        Assert.Equal(["showtime-monitoring", "ticket-price-tracking"], await ModulesAsync(member));

        await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Flag", ("key", "concessions-benchmarking"), ("value", "on"));
        await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Flag", ("key", "ticket-price-tracking"), ("value", "off"));
        Assert.Equal(["concessions-benchmarking", "showtime-monitoring"], await ModulesAsync(member));

        var page = await PortalFactory.ParseAsync(await admin.GetAsync(details));
        Assert.Equal("Override", page.QuerySelector("tr[data-flag='concessions-benchmarking'] [data-testid=flag-source]")?.TextContent);
        Assert.Equal("Pack default", page.QuerySelector("tr[data-flag='showtime-monitoring'] [data-testid=flag-source]")?.TextContent);

        await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Flag", ("key", "ticket-price-tracking"), ("value", "default"));
        Assert.Equal(["concessions-benchmarking", "showtime-monitoring", "ticket-price-tracking"], await ModulesAsync(member));
    }

    [Fact]
    public async Task Archive_only_when_the_slug_is_typed_and_reopen_when_the_archive_is_cancelled()
    {
        var (member, details) = await ActiveOrganizationWithMemberAsync("life-archive");
        var admin = await Portal.SuperAdminClientAsync();

        var refused = await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Archive", ("confirmation", "life-archiv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Type “life-archive” to confirm", (await PortalFactory.ParseAsync(refused)).QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/")).StatusCode);

        await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Archive", ("confirmation", "life-archive"));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/")).StatusCode);
        var archived = await OrganizationAsync("life-archive");
        Assert.Equal(OrganizationStatus.Archived, archived.Status);
        Assert.True(archived.DeletionDueAt > DateTimeOffset.UtcNow.AddDays(6), "the default grace period is 7 days");
        var scheduler = await Portal.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        var dropJob = DropOrganizationDatabaseJob.KeyFor(archived.Id);
        Assert.True(await scheduler.GetJobDetail(dropJob) is not null, "archiving schedules the database's deletion");

        await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=CancelArchive");
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/")).StatusCode);
        Assert.Null((await OrganizationAsync("life-archive")).DeletionDueAt);
        Assert.True(await scheduler.GetJobDetail(dropJob) is null, "cancelling removes the scheduled deletion");
    }

    [Theory]
    [InlineData(OrganizationStatus.Suspended)]
    [InlineData(OrganizationStatus.Failed)]
    public async Task Bring_an_archived_organization_back_as_it_was_not_open_when_it_was_not(OrganizationStatus before)
    {
        var slug = $"life-back-{before.ToString().ToLowerInvariant()}";
        await Portal.AddOrganizationAsync(slug, before);
        var admin = await Portal.SuperAdminClientAsync();
        var details = $"/admin/organizations/{slug}";

        await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Archive", ("confirmation", slug));
        Assert.Equal(OrganizationStatus.Archived, (await OrganizationAsync(slug)).Status);
        await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=CancelArchive");

        Assert.Equal(before, (await OrganizationAsync(slug)).Status);
    }

    [Fact]
    public async Task Rename_showing_markup_as_text_and_change_industry_keeping_the_data()
    {
        var (member, details) = await ActiveOrganizationWithMemberAsync("life-rename");
        var admin = await Portal.SuperAdminClientAsync();

        await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Rename", ("name", "<script>alert(1)</script> Hotels & Co"));
        var home = await member.GetAsync("/");
        var html = await home.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Equal("<script>alert(1)</script> Hotels & Co", (await PortalFactory.ParseAsync(home)).QuerySelector("h1")?.TextContent);

        var refused = await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Industry", ("packId", "hotels"), ("sicCode", "00000"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("cinema", (await OrganizationAsync("life-rename")).PackId);

        await Portal.WithServiceAsync<int, TenantDbContextFactory>(async databases =>
        {
            await using var tenantDb = databases.Create(TenantInfo.From(await OrganizationAsync("life-rename")));
            tenantDb.Competitors.Add(new Competitor { Name = "Kept Cinema" });
            return await tenantDb.SaveChangesAsync();
        });

        await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Flag", ("key", "concessions-benchmarking"), ("value", "on"));
        var renamedId = (await OrganizationAsync("life-rename")).Id;
        Assert.True(await Portal.WithServiceAsync<bool, CatalogDbContext>(c =>
            c.FeatureFlagOverrides.AnyAsync(f => f.FlagKey == "concessions-benchmarking" && f.OrganizationId == renamedId)));

        await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Industry", ("packId", "hotels"), ("sicCode", "55100"));
        Assert.Empty(await Portal.WithServiceAsync<List<string>, CatalogDbContext>(c =>
            c.FeatureFlagOverrides.Where(f => f.OrganizationId == renamedId && f.FlagKey == "concessions-benchmarking").Select(f => f.FlagKey).ToListAsync()));
        Assert.Equal(["occupancy-forecasting", "rate-shopping"], await ModulesAsync(member));
        Assert.Contains("Kept Cinema", (await PortalFactory.ParseAsync(await member.GetAsync("/"))).QuerySelector("[data-testid=competitors]")?.TextContent);
        Assert.Equal("hotels", (await OrganizationAsync("life-rename")).PackId);
    }

    private async Task<(HttpClient Member, string DetailsPath)> ActiveOrganizationWithMemberAsync(string slug)
    {
        var organization = await Portal.AddOrganizationAsync(slug);
        await Portal.AddUserAsync($"member@{slug}.test", organization);
        var member = Portal.ClientFor($"{slug}.localhost");
        await PortalFactory.SignInAsync(member, $"member@{slug}.test");
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/")).StatusCode);
        return (member, $"/admin/organizations/{slug}");
    }

    private static async Task<List<string>> ModulesAsync(HttpClient member) =>
        (await PortalFactory.ParseAsync(await member.GetAsync("/"))).QuerySelectorAll("[data-testid=module]")
            .Select(m => m.GetAttribute("data-flag")!).Order().ToList();

    private Task<Organization> OrganizationAsync(string slug) =>
        Portal.WithServiceAsync<Organization, CatalogDbContext>(catalog => catalog.Organizations.AsNoTracking().SingleAsync(o => o.Slug == slug));

    private Task<List<string>> AuditAsync(string slug, int count) =>
        Portal.WithServiceAsync<List<string>, CatalogDbContext>(catalog => catalog.AuditEvents
            .Where(a => catalog.Organizations.Any(o => o.Slug == slug && o.Id == a.OrganizationId))
            .OrderByDescending(a => a.Id).Take(count).Select(a => a.Action).ToListAsync());
}
