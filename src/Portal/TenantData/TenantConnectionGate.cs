using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.TenantData;

/// <summary>
/// Keeps organization-database connections inside the server's max_connections, however many
/// organizations there are. Two bounds:
/// <list type="bullet">
/// <item>at most Tenancy:MaxOrganizationConnections are in use at once, all organizations together:
/// requests beyond that wait for a slot; one organization holds at most its fair share of them
/// (<see cref="ShareOf"/>: half the cap, and never more than its pool), and its further requests wait for
/// its own connections before taking a slot, so one busy organization cannot starve the others;</item>
/// <item>each organization's database has a small pool (<see cref="PoolSize"/>), and only the pools of
/// the most recently used few organizations are kept (together half the cap): when another organization
/// becomes one of them, the least recently used pool's idle connections are closed.</item>
/// </list>
/// So a busy organization reuses its connections (no new server process and password exchange per
/// request), and a thousand organizations visited in turn never leave a thousand idle connections behind.
/// </summary>
public sealed class TenantConnectionGate(IOptions<TenancyOptions> options) : DbConnectionInterceptor
{
    /// <summary>The most connections one organization's pool holds.</summary>
    public const int PoolSize = 5;

    private readonly SemaphoreSlim _slots = new(options.Value.MaxOrganizationConnections);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _shares = new(StringComparer.Ordinal);
    private readonly int _share = ShareOf(options.Value.MaxOrganizationConnections);
    private readonly ConditionalWeakTable<DbConnection, SemaphoreSlim> _holding = [];

    /// <summary>The most slots one organization may hold at once.</summary>
    public static int ShareOf(int maxOrganizationConnections) => Math.Clamp(maxOrganizationConnections / 2, 1, PoolSize);
    private readonly WarmPools _warmPools = new(Math.Max(1, options.Value.MaxOrganizationConnections / (2 * PoolSize)));

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        var share = ShareFor(connection);
        await share.WaitAsync(cancellationToken);
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        catch
        {
            share.Release();
            throw;
        }

        Hold(connection, share);
        return result;
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        var share = ShareFor(connection);
        share.Wait();
        _slots.Wait();
        Hold(connection, share);
        return result;
    }

    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Release(connection);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        _warmPools.Returned(connection);
    }

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ConnectionClosed(connection, eventData);
        return Task.CompletedTask;
    }

    // However the connection ended (closed, broken, or its open cancelled because the client went away),
    // EF disposes it with its context: the slot goes back then at the latest.
    public override void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    public override Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    private SemaphoreSlim ShareFor(DbConnection connection) =>
        _shares.GetOrAdd($"{connection.DataSource}/{connection.Database}", _ => new SemaphoreSlim(_share));

    private void Hold(DbConnection connection, SemaphoreSlim share)
    {
        _holding.AddOrUpdate(connection, share);
        _warmPools.Use(connection);
    }

    private void Release(DbConnection connection)
    {
        if (_holding.TryGetValue(connection, out var share) && _holding.Remove(connection))
        {
            _slots.Release();
            share.Release();
        }
    }
}
