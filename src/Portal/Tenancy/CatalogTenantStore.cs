using MarketEdge.Portal.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Tenancy;

/// <summary>
/// The catalog's Organizations table behind a short-lived memory cache of its own, bounded in entries so
/// that look-ups of made-up names cannot grow it without end. Changes saved through
/// <see cref="CatalogDbContext"/> drop the cached entry at once (<see cref="OrganizationCacheInvalidator"/>).
/// </summary>
public sealed class CatalogTenantStore(
    CatalogDbContext catalog, [FromKeyedServices(CatalogTenantStore.CacheName)] IMemoryCache cache, IOptions<TenancyOptions> options)
    : ITenantStore
{
    public const string CacheName = "organizations";

    /// <summary>Organizations (and unknown names) remembered at once; beyond it the oldest go.</summary>
    public const int CacheSize = 20_000;

    public async Task<TenantInfo?> FindAsync(string identifier, CancellationToken cancellationToken)
    {
        if (!OrganizationSlug.IsWellFormed(identifier))
        {
            return null;
        }

        return await cache.GetOrCreateAsync(CacheKey(identifier), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.Value.CacheDuration;
            entry.Size = 1;
            var organization = await catalog.Organizations.AsNoTracking()
                .SingleOrDefaultAsync(o => o.Slug == identifier, cancellationToken);
            return organization is null ? null : TenantInfo.From(organization);
        });
    }

    public static string CacheKey(string slug) => $"tenant:{slug}";
}
