using MarketEdge.Portal.Catalog.Changes;
using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MarketEdge.Portal.Tests.Tenancy;

/// <summary>A suspension made anywhere (another portal process, straight in the catalog) counts from the next request, cache or no cache.</summary>
public sealed class SuspensionShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Theory]
    [InlineData(OrganizationStatus.Suspended)]
    [InlineData(OrganizationStatus.Archived)]
    public async Task Shut_members_out_at_their_next_request_when_another_process_changes_the_status(OrganizationStatus status)
    {
        var slug = $"elsewhere-{status.ToString().ToLowerInvariant()}";
        var organization = await Portal.AddOrganizationAsync(slug);
        await Portal.AddUserAsync($"member@{slug}.test", organization);
        var member = Portal.ClientFor($"{slug}.localhost");
        await PortalFactory.SignInAsync(member, $"member@{slug}.test");
        var superAdmin = await Portal.SuperAdminClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/")).StatusCode); // the organization is now cached as Active
        Assert.Equal(HttpStatusCode.OK, (await superAdmin.GetAsync($"/o/{slug}/")).StatusCode);

        await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Organizations.Where(o => o.Id == organization.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.Status, status))); // bypasses this process's cache invalidation

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/competitors")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await superAdmin.GetAsync($"/o/{slug}/")).StatusCode);
    }

    [Fact]
    public async Task Invalidate_each_saves_own_organizations_when_saves_of_pooled_contexts_interleave()
    {
        var catalog = await CatalogDatabase.CreateAsync();
        var organization = await catalog.AddOrganizationAsync("interleaved");
        var shared = new CatalogCacheInvalidator(catalog.Cache); // as the context pool shares it
        await using var renaming = catalog.NewContext();
        await using var unrelated = catalog.NewContext();
        var tracked = await renaming.Organizations.SingleAsync(o => o.Id == organization.Id);
        tracked.Name = "Renamed";

        shared.SavingChanges(new DbContextEventData(null!, (_, _) => "", renaming), default);
        shared.SavingChanges(new DbContextEventData(null!, (_, _) => "", unrelated), default);
        shared.SavedChanges(new SaveChangesCompletedEventData(null!, (_, _) => "", unrelated, 0), 0);
        await catalog.Cache.GetOrLoadAsync(CatalogCache.OrganizationKey("interleaved"), () => Task.FromResult("stale, cached by a request in between"));
        shared.SavedChanges(new SaveChangesCompletedEventData(null!, (_, _) => "", renaming, 1), 1);

        Assert.False(catalog.Cache.Contains(CatalogCache.OrganizationKey("interleaved")));
    }
}
