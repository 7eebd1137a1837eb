using Quartz;

namespace MarketEdge.Portal.Exports;

/// <summary>Deletes an export's archive once its 24 hours are over.</summary>
[RetryPolicy(3, "00:01:00", 2.0)]
public sealed class DeleteExportJob(OrganizationExports exports) : IJob
{
    public const string ExportIdKey = "exportId";

    public static JobKey KeyFor(Guid exportId) => new($"delete-export-{exportId:N}", "exports");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await exports.DeleteIfExpiredAsync(Guid.Parse(context.MergedJobDataMap.GetString(ExportIdKey)!), cancellationToken);
}
