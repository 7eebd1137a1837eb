using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace MarketEdge.Portal.Provisioning;

/// <summary>
/// Runs at start-up: applies pending migrations to every organization's database, a few at a time;
/// one failing is recorded on its page and does not stop the others. It also re-queues provisioning
/// that has no job (an organization created just before a crash).
/// </summary>
[DisallowConcurrentExecution]
public sealed class UpgradeOrganizationsJob(
    IServiceScopeFactory scopes, CatalogDbContext catalog, ProvisioningJobs provisioning, ILogger<UpgradeOrganizationsJob> logger) : IJob
{
    public static readonly JobKey Key = new("upgrade-organizations", "maintenance");
    private const int Parallelism = 3;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var stuck in await catalog.Organizations.Where(o => o.Status == OrganizationStatus.Provisioning).Select(o => o.Id).ToListAsync(cancellationToken))
        {
            if (!await provisioning.IsScheduledAsync(stuck, cancellationToken))
            {
                await provisioning.ScheduleAsync(stuck, cancellationToken);
            }
        }

        var organizations = await catalog.Organizations.AsNoTracking()
            .Where(o => o.Status == OrganizationStatus.Active || o.Status == OrganizationStatus.Suspended
                || (o.Status == OrganizationStatus.Archived && o.DatabaseDroppedAt == null))
            .ToListAsync(cancellationToken);
        await Parallel.ForEachAsync(organizations, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (organization, token) => await UpgradeAsync(organization, token));
    }

    private async Task UpgradeAsync(Organization organization, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        string? error = null;
        try
        {
            // An archived organization's database may be being dropped right now: never bring it back empty.
            await services.GetRequiredService<TenantDbContextFactory>().MigrateAsync(
                TenantInfo.From(organization), cancellationToken, createIfMissing: organization.Status != OrganizationStatus.Archived);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Upgrading the database of {Slug} failed", organization.Slug);
            error = failure.Message.Length > 2000 ? failure.Message[..2000] : failure.Message;
        }

        if (error != organization.MigrationError)
        {
            await services.GetRequiredService<CatalogDbContext>().Organizations.Where(o => o.Id == organization.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.MigrationError, error), cancellationToken);
        }
    }
}
