using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Catalog.Changes;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tenancy;

/// <summary>The catalog's Organizations table, looked up by slug through <see cref="CatalogCache"/> (kept until the catalog says it changed).</summary>
public sealed class CatalogTenantStore(CatalogDbContext catalog, CatalogCache cache) : ITenantStore
{
    public async Task<TenantInfo?> FindAsync(string identifier, CancellationToken cancellationToken)
    {
        if (!OrganizationSlug.IsWellFormed(identifier))
        {
            return null;
        }

        return await cache.GetOrLoadAsync(CatalogCache.OrganizationKey(identifier), async () =>
        {
            var organization = await catalog.Organizations.AsNoTracking()
                .SingleOrDefaultAsync(o => o.Slug == identifier, cancellationToken);
            return organization is null ? null : TenantInfo.From(organization);
        });
    }
}
