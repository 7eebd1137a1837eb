using MarketEdge.Portal.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MarketEdge.Portal.Database;

/// <summary>Healthy when the catalog database answers.</summary>
public sealed class CatalogHealthCheck(CatalogDbContext catalog) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await catalog.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The catalog database does not answer.");
}
