using MarketEdge.Portal.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace MarketEdge.Portal.Tenancy;

/// <summary>
/// Drops the cached organization whenever one is added, changed or removed through a catalog
/// context, under its old slug and its new one. One instance per context: it remembers the
/// slugs between "saving" and "saved".
/// </summary>
public sealed class OrganizationCacheInvalidator(IMemoryCache cache) : SaveChangesInterceptor
{
    private readonly HashSet<string> _changedSlugs = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Invalidate();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Invalidate();
        return ValueTask.FromResult(result);
    }

    private void Collect(DbContext? context)
    {
        var changed = context?.ChangeTracker.Entries<Organization>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) ?? [];
        foreach (var entry in changed)
        {
            _changedSlugs.Add(entry.Property(o => o.Slug).CurrentValue);
            _changedSlugs.Add(entry.Property(o => o.Slug).OriginalValue);
        }
    }

    private void Invalidate()
    {
        foreach (var slug in _changedSlugs)
        {
            cache.Remove(CatalogTenantStore.CacheKey(slug));
        }

        _changedSlugs.Clear();
    }
}
