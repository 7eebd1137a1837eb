using MarketEdge.Portal.Catalog;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// The organization's member lock: a transaction-scoped advisory lock that every change to its memberships takes
/// first, so rules judged on the members (the last Admin, one membership per person) hold when changes race.
/// </summary>
public static class MemberLock
{
    public static Task TakeAsync(CatalogDbContext catalog, Guid organizationId, CancellationToken cancellationToken) =>
        catalog.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended({"members:" + organizationId.ToString("N")}, 0))", cancellationToken);
}
