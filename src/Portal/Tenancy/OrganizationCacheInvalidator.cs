using System.Runtime.CompilerServices;
using MarketEdge.Portal.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace MarketEdge.Portal.Tenancy;

/// <summary>
/// Drops the cached organization whenever one is added, changed or removed through a catalog
/// context, under its old slug and its new one. The pooled catalog contexts share one instance, and
/// their saves interleave, so the slugs between "saving" and "saved" are kept per unit of work (per context).
/// </summary>
public sealed class OrganizationCacheInvalidator(IMemoryCache cache) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _changedSlugs = new();

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
        Invalidate(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Invalidate(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var slugs = _changedSlugs.GetValue(context, _ => []);
        lock (slugs)
        {
            foreach (var entry in context.ChangeTracker.Entries<Organization>()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                slugs.Add(entry.Property(o => o.Slug).CurrentValue);
                slugs.Add(entry.Property(o => o.Slug).OriginalValue);
            }
        }
    }

    private void Invalidate(DbContext? context)
    {
        if (context is null || !_changedSlugs.TryGetValue(context, out var slugs))
        {
            return;
        }

        lock (slugs)
        {
            foreach (var slug in slugs)
            {
                cache.Remove(CatalogTenantStore.CacheKey(slug));
            }

            slugs.Clear();
        }
    }
}
