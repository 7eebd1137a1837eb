using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Quartz;

namespace MarketEdge.Portal.Provisioning;

/// <summary>Drops an archived organization's database once its grace period is over, unless the archive was cancelled.</summary>
[DisallowConcurrentExecution]
[RetryPolicy(3, "00:01:00", 2.0)]
public sealed class DropOrganizationDatabaseJob(CatalogDbContext catalog, DatabaseServers servers, AuditLog audit, TimeProvider clock) : IJob
{
    public const string OrganizationIdKey = "organizationId";

    public static JobKey KeyFor(Guid organizationId) => new($"drop-database-{organizationId:N}", "deprovisioning");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var organizationId = Guid.Parse(context.MergedJobDataMap.GetString(OrganizationIdKey)!);
        var organization = await catalog.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is not { Status: OrganizationStatus.Archived, DatabaseDroppedAt: null, DeletionDueAt: { } due } || due > clock.GetUtcNow())
        {
            return; // cancelled, already dropped, or not due yet
        }

        var target = new NpgsqlConnectionStringBuilder(servers.ConnectionStringFor(TenantInfo.From(organization)));
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(maintenance.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            var name = new NpgsqlCommandBuilder().QuoteIdentifier(target.Database!);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        organization.DatabaseDroppedAt = clock.GetUtcNow();
        await catalog.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("organization.database-dropped", organizationId: organization.Id, details: target.Database, cancellationToken: cancellationToken);
    }
}
