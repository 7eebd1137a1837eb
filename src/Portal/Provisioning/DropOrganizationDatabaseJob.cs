using Quartz;

namespace MarketEdge.Portal.Provisioning;

/// <summary>Drops an archived organization's database once its grace period is over, unless the archive was cancelled.</summary>
[DisallowConcurrentExecution]
[RetryPolicy(3, "00:01:00", 2.0)]
public sealed class DropOrganizationDatabaseJob(OrganizationLifecycle lifecycle) : IJob
{
    public const string OrganizationIdKey = "organizationId";

    public static JobKey KeyFor(Guid organizationId) => new($"drop-database-{organizationId:N}", "deprovisioning");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await lifecycle.DropDatabaseIfDueAsync(Guid.Parse(context.MergedJobDataMap.GetString(OrganizationIdKey)!), cancellationToken);
}
