using Quartz;

namespace MarketEdge.Portal.Provisioning;

/// <summary>Puts an organization's provisioning in the job store, where any portal process in the cluster picks it up.</summary>
public sealed class ProvisioningJobs(ISchedulerFactory schedulers)
{
    public static JobKey KeyFor(Guid organizationId) => new($"provision-{organizationId:N}", "provisioning");

    public async Task ScheduleAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ProvisionOrganizationJob>()
            .WithIdentity(KeyFor(organizationId))
            .UsingJobData(ProvisionOrganizationJob.OrganizationIdKey, organizationId.ToString())
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create().ForJob(job).StartNow().Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    public async Task<bool> IsScheduledAsync(Guid organizationId, CancellationToken cancellationToken) =>
        await (await schedulers.GetScheduler(cancellationToken)).Exists(KeyFor(organizationId), cancellationToken);
}
