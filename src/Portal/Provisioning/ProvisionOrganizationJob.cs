using Quartz;

namespace MarketEdge.Portal.Provisioning;

/// <summary>
/// Provisions one organization. A failure is retried with back-off (2 s, 4 s, 8 s); the last failure
/// marks the organization Failed. One run per organization at a time, and recovered after a crash.
/// </summary>
[DisallowConcurrentExecution]
[RetryPolicy(3, "00:00:02", 2.0)]
public sealed class ProvisionOrganizationJob(OrganizationProvisioner provisioner, ILogger<ProvisionOrganizationJob> logger) : IJob
{
    public const string OrganizationIdKey = "organizationId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var organizationId = Guid.Parse(context.MergedJobDataMap.GetString(OrganizationIdKey)!);
        var lastAttempt = context.RetryPolicy is null || context.RetryAttempt >= context.RetryPolicy.MaxAttempts;
        var succeeded = await provisioner.RunAsync(organizationId, lastAttempt, cancellationToken);
        if (!succeeded && !lastAttempt)
        {
            logger.LogWarning("Provisioning {OrganizationId} failed on attempt {Attempt}; it will be retried", organizationId, context.RetryAttempt + 1);
            throw new JobExecutionException("Provisioning step failed; retrying.");
        }
    }
}
