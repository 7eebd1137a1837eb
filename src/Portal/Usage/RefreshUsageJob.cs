using Quartz;

namespace MarketEdge.Portal.Usage;

/// <summary>Every few minutes, one portal process in the cluster works the usage figures out again (<see cref="UsageRefresh"/>).</summary>
[DisallowConcurrentExecution]
public sealed class RefreshUsageJob(UsageRefresh refresh) : IJob
{
    public static readonly JobKey Key = new("refresh-usage", "usage");
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await refresh.RefreshAsync(cancellationToken);
}
