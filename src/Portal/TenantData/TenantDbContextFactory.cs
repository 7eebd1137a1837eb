using MarketEdge.Portal.Database;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.TenantData;

/// <summary>Connects a <see cref="TenantDbContext"/> to one organization's database and no other.</summary>
public sealed class TenantDbContextFactory(DatabaseServers servers)
{
    public TenantDbContext Create(TenantInfo organization)
    {
        var options = new DbContextOptionsBuilder<TenantDbContext>()
            .UseNpgsql(servers.ConnectionStringFor(organization))
            .Options;
        return new TenantDbContext(options);
    }

    /// <summary>Creates the organization's database if it is missing and applies every pending tenant migration.</summary>
    public async Task MigrateAsync(TenantInfo organization, CancellationToken cancellationToken)
    {
        await PostgresDatabases.CreateIfMissingAsync(servers.ConnectionStringFor(organization), cancellationToken);
        await using var tenantDb = Create(organization);
        await tenantDb.Database.MigrateAsync(cancellationToken);
    }
}
