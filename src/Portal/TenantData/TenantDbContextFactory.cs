using System.Collections.Concurrent;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketEdge.Portal.TenantData;

/// <summary>Connects a <see cref="TenantDbContext"/> to one organization's database and no other.</summary>
public sealed class TenantDbContextFactory(DatabaseServers servers, TenantConnectionGate gate)
{
    /// <summary>Any number of the same: provisioning, the start-up upgrade and other portal processes may migrate at once.</summary>
    private const long MigrationLockKey = 4242002;

    /// <summary>Each organization's context options (its connection string among them), built once, not per request.</summary>
    private readonly ConcurrentDictionary<(string Server, string Database), DbContextOptions<TenantDbContext>> _options = new();

    public TenantDbContext Create(TenantInfo organization) =>
        new(_options.GetOrAdd((organization.DatabaseServer, organization.DatabaseName), _ => new DbContextOptionsBuilder<TenantDbContext>()
            .UseNpgsql(servers.ConnectionStringFor(organization))
            .AddInterceptors(gate)
            .Options));

    /// <summary>
    /// Creates the organization's database if it is missing (unless <paramref name="createIfMissing"/> is false:
    /// then a missing database is left missing and false returned) and applies every pending tenant migration,
    /// holding an advisory lock in that database so that concurrent migrations wait for each other.
    /// </summary>
    public async Task<bool> MigrateAsync(TenantInfo organization, CancellationToken cancellationToken, bool createIfMissing = true)
    {
        var connectionString = servers.ConnectionStringFor(organization);
        if (createIfMissing)
        {
            await PostgresDatabases.CreateIfMissingAsync(connectionString, cancellationToken);
        }
        else if (!await PostgresDatabases.ExistsAsync(connectionString, cancellationToken))
        {
            return false;
        }

        // Not pooled: the start-up upgrade migrates every organization in turn, and idle pooled
        // connections left behind by each would add up past the server's max_connections.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using var tenantDb = new TenantDbContext(new DbContextOptionsBuilder<TenantDbContext>().UseNpgsql(connection).Options);
            await tenantDb.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }

        return true;
    }
}
