using Quartz;

namespace MarketEdge.Portal.Identity.Bulk;

/// <summary>Sends one confirmed list of invitations; one process in the cluster runs it, and another finishes it after a crash.</summary>
[DisallowConcurrentExecution]
public sealed class SendInvitationBatchJob(InvitationBatches batches) : IJob
{
    public const string BatchIdKey = "batchId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await batches.SendAsync(Guid.Parse(context.MergedJobDataMap.GetString(BatchIdKey)!), cancellationToken);
}
