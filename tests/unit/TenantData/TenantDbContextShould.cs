using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MarketEdge.Portal.Tests.TenantData;

public sealed class TenantDbContextShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Refuse_to_exist_without_a_resolved_organization()
    {
        await using var scope = Portal.Services.CreateAsyncScope();

        var refused = Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<TenantDbContext>());

        Assert.Contains("not for an active organization", refused.Message);
    }

    [Fact]
    public async Task Connect_to_the_resolved_organizations_own_database_and_no_other()
    {
        var odeon = TenantInfo.From(await Portal.AddOrganizationAsync("own-db-odeon"));
        var vue = TenantInfo.From(await Portal.AddOrganizationAsync("own-db-vue"));

        await using var scope = Portal.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantResolution.Active, odeon.Slug, odeon);
        var tenantDb = scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        tenantDb.Competitors.Add(new Competitor { Name = "Cineworld Leicester Square" });
        await tenantDb.SaveChangesAsync();

        Assert.Equal(odeon.DatabaseName, await tenantDb.Database.SqlQueryRaw<string>("SELECT current_database() AS \"Value\"").SingleAsync());
        await using var vueDb = Portal.Services.GetRequiredService<TenantDbContextFactory>().Create(vue);
        Assert.Empty(await vueDb.Competitors.ToListAsync());
        Assert.Equal(vue.DatabaseName, await vueDb.Database.SqlQueryRaw<string>("SELECT current_database() AS \"Value\"").SingleAsync());
    }

    [Fact]
    public async Task Migrate_an_organization_database_again_without_harm()
    {
        var organization = TenantInfo.From(await Portal.AddOrganizationAsync("migrate-twice"));
        var factory = Portal.Services.GetRequiredService<TenantDbContextFactory>();

        await factory.MigrateAsync(organization, CancellationToken.None);

        await using var tenantDb = factory.Create(organization);
        Assert.Empty(await tenantDb.Database.GetPendingMigrationsAsync());
    }
}
