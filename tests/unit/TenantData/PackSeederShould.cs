using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MarketEdge.Portal.Tests.TenantData;

public sealed class PackSeederShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Theory]
    [InlineData("cinema")]
    [InlineData("hotels")]
    [InlineData("gyms")]
    [InlineData("b2b")]
    [InlineData("retail")]
    public async Task Fill_a_new_organizations_own_database_with_its_packs_starter_data(string packId)
    {
        var organization = TenantInfo.From(await Portal.AddOrganizationAsync($"seeded-{packId}"));
        var pack = Portal.Services.GetRequiredService<PackRegistry>().Find(packId)!.Pack;

        var outcome = await Portal.Services.GetRequiredService<PackSeeder>().SeedAsync(organization, pack, CancellationToken.None);

        await using var tenantDb = Portal.Services.GetRequiredService<TenantDbContextFactory>().Create(organization);
        Assert.True(outcome.CompetitorsAdded >= 3, "a day-one home needs a few competitors to watch");
        Assert.Equal(outcome.CompetitorsAdded, await tenantDb.Competitors.CountAsync());
        Assert.Equal(outcome.OfferingsAdded, await tenantDb.Offerings.CountAsync());
        Assert.True(outcome.OfferingsAdded >= 3);
    }

    [Fact]
    public async Task Add_nothing_twice_when_seeding_runs_again()
    {
        var organization = TenantInfo.From(await Portal.AddOrganizationAsync("seeded-twice"));
        var pack = Portal.Services.GetRequiredService<PackRegistry>().Find("cinema")!.Pack;
        var seeder = Portal.Services.GetRequiredService<PackSeeder>();
        var first = await seeder.SeedAsync(organization, pack, CancellationToken.None);

        var second = await seeder.SeedAsync(organization, pack, CancellationToken.None);

        Assert.Equal(new PackSeeder.Outcome(0, 0), second);
        await using var tenantDb = Portal.Services.GetRequiredService<TenantDbContextFactory>().Create(organization);
        Assert.Equal(first.CompetitorsAdded, await tenantDb.Competitors.CountAsync());
    }

    [Fact]
    public async Task Leave_a_cinema_chain_out_of_its_own_competitors()
    {
        var odeon = await Portal.AddOrganizationAsync("seeded-odeon");
        var organization = TenantInfo.From(odeon) with { Name = "Odeon Cinemas" };
        var pack = Portal.Services.GetRequiredService<PackRegistry>().Find("cinema")!.Pack;

        await Portal.Services.GetRequiredService<PackSeeder>().SeedAsync(organization, pack, CancellationToken.None);

        await using var tenantDb = Portal.Services.GetRequiredService<TenantDbContextFactory>().Create(organization);
        var names = await tenantDb.Competitors.Select(c => c.Name).ToListAsync();
        Assert.Contains("Vue West End", names);
        Assert.DoesNotContain(names, n => n.StartsWith("Odeon"));
    }
}
