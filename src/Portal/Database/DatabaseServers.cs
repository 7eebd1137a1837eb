using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketEdge.Portal.Database;

/// <summary>The PostgreSQL servers organization databases live on (Tenancy:DatabaseServers, plus the catalog's as "default").</summary>
public sealed class DatabaseServers(CatalogConnection catalog, IOptions<TenancyOptions> options)
{
    public IReadOnlyCollection<string> Names => Servers.Keys.ToList();

    private IReadOnlyDictionary<string, string> Servers
    {
        get
        {
            var servers = options.Value.DatabaseServers.ToDictionary(s => s.Key, s => ConnectionDefaults.Apply(s.Value), StringComparer.Ordinal);
            servers.TryAdd(TenancyOptions.DefaultDatabaseServer, catalog.ConnectionString);
            return servers;
        }
    }

    /// <summary>The connection string of <paramref name="organization"/>'s own database on its server.</summary>
    /// <remarks>A small pool each; <see cref="TenantData.TenantConnectionGate"/> keeps only the busiest few pools warm.</remarks>
    public string ConnectionStringFor(TenantInfo organization) =>
        Servers.TryGetValue(organization.DatabaseServer, out var server)
            ? new NpgsqlConnectionStringBuilder(server)
            {
                Database = organization.DatabaseName,
                Pooling = true,
                MaxPoolSize = TenantData.TenantConnectionGate.PoolSize,
                ConnectionIdleLifetime = 10,
                ConnectionPruningInterval = 5,
            }.ConnectionString
            : throw new InvalidOperationException(
                $"The database server '{organization.DatabaseServer}' of {organization.Slug} is not configured in Tenancy:DatabaseServers.");

    /// <summary>A short, unpooled connection to server <paramref name="server"/>'s maintenance database (questions about its databases).</summary>
    public string MaintenanceConnectionStringFor(string server) =>
        Servers.TryGetValue(server, out var connectionString)
            ? new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString
            : throw new InvalidOperationException($"The database server '{server}' is not configured in Tenancy:DatabaseServers.");

    /// <summary>The server holding the fewest organizations that still have a database.</summary>
    public async Task<string> LeastLoadedAsync(CatalogDbContext catalogDb, CancellationToken cancellationToken)
    {
        var load = await catalogDb.Organizations
            .GroupBy(o => o.DatabaseServer)
            .Select(g => new { Server = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Server, g => g.Count, cancellationToken);
        return Names.OrderBy(name => load.GetValueOrDefault(name)).ThenBy(name => name, StringComparer.Ordinal).First();
    }
}
