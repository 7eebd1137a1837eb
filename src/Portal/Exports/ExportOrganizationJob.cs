using Quartz;

namespace MarketEdge.Portal.Exports;

/// <summary>Makes one export; one process in the cluster runs it, and another starts it again after a crash.</summary>
[DisallowConcurrentExecution]
public sealed class ExportOrganizationJob(OrganizationExports exports) : IJob
{
    public const string ExportIdKey = "exportId";

    public static JobKey KeyFor(Guid exportId) => new($"export-{exportId:N}", "exports");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await exports.RunAsync(Guid.Parse(context.MergedJobDataMap.GetString(ExportIdKey)!), cancellationToken);
}
