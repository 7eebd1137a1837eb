using System.Collections.Concurrent;
using MarketEdge.Portal.Catalog;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// What people did lately that is worth remembering but not worth a write during their request: the
/// organization each person last used and when each session was last seen. Noted in memory, coalesced
/// (the latest per person and per session), and written to the catalog every
/// <see cref="FlushEvery"/> and when the portal stops.
/// </summary>
public sealed class RecentActivity(IServiceScopeFactory scopes, ILogger<RecentActivity> logger) : BackgroundService
{
    public static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Guid, Guid> _organizationUsed = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _sessionSeen = new();

    public void OrganizationUsed(Guid userId, Guid organizationId) => _organizationUsed[userId] = organizationId;

    public void SessionSeen(Guid sessionId, DateTimeOffset at) => _sessionSeen[sessionId] = at;

    /// <summary>The organization noted for the person but perhaps not written yet.</summary>
    public Guid? LastOrganizationOf(Guid userId) => _organizationUsed.TryGetValue(userId, out var organizationId) ? organizationId : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: the last flush follows
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes what was noted; what fails to be written is kept for the next time.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_organizationUsed.IsEmpty && _sessionSeen.IsEmpty)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            foreach (var (userId, organizationId) in _organizationUsed)
            {
                await catalog.Users.Where(u => u.Id == userId && u.LastOrganizationId != organizationId)
                    .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastOrganizationId, organizationId), cancellationToken);
                _organizationUsed.TryRemove(new KeyValuePair<Guid, Guid>(userId, organizationId));
            }

            foreach (var (sessionId, at) in _sessionSeen)
            {
                await catalog.UserSessions.Where(s => s.Id == sessionId && s.LastSeenAt < at)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, at), cancellationToken);
                _sessionSeen.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(sessionId, at));
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not record recent activity yet ({Reason}); trying again shortly", exception.Message);
        }
    }
}
