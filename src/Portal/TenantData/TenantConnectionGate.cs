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
/// requests beyond that wait for a slot;</item>
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
    private readonly ConditionalWeakTable<DbConnection, object> _holding = [];
    private readonly WarmPools _warmPools = new(Math.Max(1, options.Value.MaxOrganizationConnections / (2 * PoolSize)));

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        Hold(connection);
        return result;
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        _slots.Wait();
        Hold(connection);
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

    private void Hold(DbConnection connection)
    {
        _holding.AddOrUpdate(connection, this);
        _warmPools.Use(connection);
    }

    private void Release(DbConnection connection)
    {
        if (_holding.Remove(connection))
        {
            _slots.Release();
        }
    }
}
