using Quartz;

namespace MarketEdge.Portal.Email;

/// <summary>Every few seconds, one portal process in the cluster delivers what is due in the outbox.</summary>
[DisallowConcurrentExecution]
public sealed class DeliverEmailJob(OutboxDelivery delivery) : IJob
{
    public static readonly JobKey Key = new("deliver-email", "email");
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await delivery.DeliverDueAsync(cancellationToken);
}
