using Quartz;

namespace MarketEdge.Portal.Identity.Bulk;

/// <summary>
/// Sends one confirmed list of invitations; one process in the cluster runs it, and another finishes it after a
/// crash. A failed run is retried with back-off (5 s, 10 s, 20 s); after the last, the list's page offers to resume.
/// </summary>
[DisallowConcurrentExecution]
[RetryPolicy(3, "00:00:05", 2.0)]
public sealed class SendInvitationBatchJob(InvitationBatches batches, ILogger<SendInvitationBatchJob> logger) : IJob
{
    public const string BatchIdKey = "batchId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var batchId = Guid.Parse(context.MergedJobDataMap.GetString(BatchIdKey)!);
        try
        {
            await batches.SendAsync(batchId, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "Sending the list of invitations {BatchId} failed on attempt {Attempt}", batchId, context.RetryAttempt + 1);
            throw new JobExecutionException("Sending a list of invitations failed.", failure);
        }
    }
}
