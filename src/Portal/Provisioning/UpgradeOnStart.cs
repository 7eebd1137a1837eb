using Quartz;

namespace MarketEdge.Portal.Provisioning;

/// <summary>Asks the cluster to upgrade every organization's database once this process has started.</summary>
public sealed class UpgradeOnStart(ISchedulerFactory schedulers, IHostApplicationLifetime lifetime, ILogger<UpgradeOnStart> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = TriggerAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task TriggerAsync()
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(lifetime.ApplicationStopping);
            await scheduler.TriggerJob(UpgradeOrganizationsJob.Key, new JobDataMap(), lifetime.ApplicationStopping);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Could not ask for the organization databases to be upgraded");
        }
    }
}
