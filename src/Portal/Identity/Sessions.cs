using MarketEdge.Portal.Catalog;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

public sealed record OpenSession(Guid Id, string Device, string Where, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt);

/// <summary>Sessions kept in the catalog: a cookie opens pages only while its session is open here.</summary>
public sealed class Sessions(CatalogDbContext catalog, TimeProvider clock, RecentActivity recent)
{
    public const string ClaimType = "marketedge:sid";
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    public async Task<Guid> StartAsync(Guid userId, string where, string? device, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            UserId = userId,
            Where = Shorten(where, UserSession.WhereMaxLength),
            Device = Shorten(device ?? "", UserSession.DeviceMaxLength),
            CreatedAt = now,
            LastSeenAt = now,
        };
        catalog.UserSessions.Add(session);
        await catalog.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>Notes that the session was used now, in the background and at most once a minute (requests stay read-only).</summary>
    public void Seen(Guid sessionId, DateTimeOffset lastSeen)
    {
        var now = clock.GetUtcNow();
        if (now - lastSeen > SeenResolution)
        {
            recent.SessionSeen(sessionId, now);
        }
    }

    /// <summary>The person's sessions still open (support access included, while it lasts), most recently used first.</summary>
    public Task<List<OpenSession>> OpenAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return catalog.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now))
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new OpenSession(s.Id, s.Device, s.Where, s.CreatedAt, s.LastSeenAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Ends one of the person's sessions; another person's id ends nothing.</summary>
    public async Task<bool> EndAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
        await catalog.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, clock.GetUtcNow()), cancellationToken) == 1;

    /// <summary>Ends every open session of the person, but <paramref name="except"/>.</summary>
    public Task<int> EndAllAsync(Guid userId, Guid? except, CancellationToken cancellationToken) =>
        catalog.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != except)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, clock.GetUtcNow()), cancellationToken);

    private static string Shorten(string text, int length) => text.Length > length ? text[..length] : text;
}
