using MarketEdge.Portal.Tenancy;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace MarketEdge.Portal.Catalog.Changes;

/// <summary>
/// Facts read from the catalog and kept in memory until the catalog says they changed: organizations by
/// slug, and each person's organization switcher. A change saved by this process drops what it touched
/// at once (<see cref="CatalogCacheInvalidator"/>); a change saved by any process reaches every process
/// through PostgreSQL's LISTEN/NOTIFY (<see cref="CatalogChangeListener"/>). While the listening
/// connection is down, entries live only <see cref="TenancyOptions.CacheDuration"/>, and everything is
/// forgotten when it drops and when it comes back, since changes may have been missed in between.
/// Bounded in entries, so look-ups of made-up names cannot grow it without end.
/// </summary>
public sealed class CatalogCache(IOptions<TenancyOptions> options, int size = CatalogCache.Size) : IDisposable
{
    /// <summary>Entries remembered at once; beyond it the oldest go.</summary>
    public const int Size = 20_000;

    /// <summary>How long an entry lives while changes are being announced: a safety net, not the way it is refreshed.</summary>
    public static readonly TimeSpan WhileListening = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = size });
    private CancellationTokenSource _anyOrganization = new();

    /// <summary>Counts forgettings: a value read while one happened may be stale, so it is returned but not kept.</summary>
    private long _forgotten;

    public bool Listening { get; private set; }

    public static string OrganizationKey(string slug) => $"organization:{slug}";

    /// <summary>A person's switcher, as a member or as a super admin (the role comes from their cookie, which may lag a role change by a minute).</summary>
    public static string SwitcherKey(Guid userId, bool asSuperAdmin) => $"switcher:{userId:N}:{(asSuperAdmin ? "super" : "member")}";

    /// <summary>The cached value, or the one <paramref name="load"/> reads; <paramref name="dependsOnEveryOrganization"/> drops it when any organization changes.</summary>
    public async Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load, bool dependsOnEveryOrganization = false)
    {
        if (_entries.TryGetValue(key, out T? cached))
        {
            return cached!;
        }

        var forgottenBefore = Interlocked.Read(ref _forgotten);
        var anyOrganization = _anyOrganization.Token;
        var value = await load();
        if (Interlocked.Read(ref _forgotten) != forgottenBefore)
        {
            return value;
        }

        using (var entry = _entries.CreateEntry(key))
        {
            entry.Value = value;
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = Listening ? WhileListening : options.Value.CacheDuration;
            if (dependsOnEveryOrganization)
            {
                entry.AddExpirationToken(new CancellationChangeToken(anyOrganization));
            }
        } // stored here

        if (Interlocked.Read(ref _forgotten) != forgottenBefore)
        {
            _entries.Remove(key); // a change was announced while it was being stored
        }

        return value;
    }

    public bool Contains(string key) => _entries.TryGetValue(key, out _);

    public int Count => _entries.Count;

    public void Forget(CatalogChange change)
    {
        Interlocked.Increment(ref _forgotten);
        switch (change)
        {
            case CatalogChange.Organization organization:
                foreach (var slug in organization.Slugs)
                {
                    _entries.Remove(OrganizationKey(slug));
                }

                Interlocked.Exchange(ref _anyOrganization, new CancellationTokenSource()).Cancel();
                break;
            case CatalogChange.Person person:
                _entries.Remove(SwitcherKey(person.UserId, asSuperAdmin: false));
                _entries.Remove(SwitcherKey(person.UserId, asSuperAdmin: true));
                break;
        }
    }

    /// <summary>Called as the listening connection comes up or goes down: either way, what was cached may be stale.</summary>
    public void SetListening(bool listening)
    {
        Listening = listening;
        Interlocked.Increment(ref _forgotten);
        _entries.Clear();
        Interlocked.Exchange(ref _anyOrganization, new CancellationTokenSource()).Cancel();
    }

    public void Dispose() => _entries.Dispose();
}
