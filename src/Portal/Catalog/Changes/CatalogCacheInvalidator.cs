using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MarketEdge.Portal.Catalog.Changes;

/// <summary>
/// Drops what this process cached about organizations, memberships and platform roles as soon as a
/// catalog context saves a change to them, without waiting for the catalog's own announcement to come
/// back (<see cref="CatalogChangeListener"/>), so this process's very next request sees the change.
/// Inside an explicit transaction they are dropped again when it commits (a request in between may
/// have read and cached what was there before). The pooled catalog contexts share one instance and
/// their saves interleave, so the changes are kept per unit of work (per context).
/// </summary>
public sealed class CatalogCacheInvalidator(CatalogCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<CatalogChange>> _changes = new();

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
        Forget(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context, keep: false);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, keep: false);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Clear(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Clear(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changes = _changes.GetValue(context, _ => []);
        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        lock (changes)
        {
            foreach (var entry in changed)
            {
                switch (entry.Entity)
                {
                    case Organization organization:
                        var slug = entry.Property(nameof(Organization.Slug));
                        changes.Add(new CatalogChange.Organization(organization.Id, [(string)slug.CurrentValue!, (string)slug.OriginalValue!]));
                        break;
                    case Membership membership:
                        changes.Add(new CatalogChange.Person(membership.UserId));
                        break;
                    case IdentityUserRole<Guid> role:
                        changes.Add(new CatalogChange.Person(role.UserId));
                        break;
                }
            }
        }
    }

    private void Forget(DbContext? context) => Forget(context, keep: context?.Database.CurrentTransaction is not null);

    private void Forget(DbContext? context, bool keep)
    {
        if (context is null || !_changes.TryGetValue(context, out var changes))
        {
            return;
        }

        lock (changes)
        {
            foreach (var change in changes)
            {
                cache.Forget(change);
            }

            if (!keep)
            {
                changes.Clear();
            }
        }
    }

    private void Clear(DbContext? context)
    {
        if (context is not null && _changes.TryGetValue(context, out var changes))
        {
            lock (changes)
            {
                changes.Clear();
            }
        }
    }
}
