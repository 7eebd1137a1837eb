using System.Data.Common;
using System.Runtime.CompilerServices;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

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
    private readonly int _warmPools = Math.Max(1, options.Value.MaxOrganizationConnections / (2 * PoolSize));
    private readonly LinkedList<(string Pool, string ConnectionString)> _warm = []; // most recently used first
    private readonly Lock _warmLock = new();

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
        EmptyPoolUnlessWarm(connection);
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
        KeepWarm(connection);
    }

    /// <summary>Which pool a connection belongs to: its server and database (its connection string loses the password once open).</summary>
    private static string PoolOf(DbConnection connection) => $"{connection.DataSource}/{connection.Database}";

    private void KeepWarm(DbConnection connection)
    {
        var pool = PoolOf(connection);
        string? cooled = null;
        lock (_warmLock)
        {
            if (_warm.First?.Value.Pool == pool)
            {
                return;
            }

            if (Find(pool) is { } known)
            {
                _warm.Remove(known);
            }

            _warm.AddFirst((pool, connection.ConnectionString)); // read before opening, password and all
            if (_warm.Count > _warmPools)
            {
                cooled = _warm.Last!.Value.ConnectionString;
                _warm.RemoveLast();
            }
        }

        if (cooled is not null)
        {
            using var ofPool = new NpgsqlConnection(cooled);
            NpgsqlConnection.ClearPool(ofPool); // idle ones close now, busy ones when they are given back
        }
    }

    /// <summary>A connection given back to the pool of an organization that is no longer among the warm ones is closed at once.</summary>
    private void EmptyPoolUnlessWarm(DbConnection connection)
    {
        bool warm;
        lock (_warmLock)
        {
            warm = Find(PoolOf(connection)) is not null;
        }

        if (!warm && connection is NpgsqlConnection npgsql)
        {
            NpgsqlConnection.ClearPool(npgsql);
        }
    }

    private LinkedListNode<(string Pool, string ConnectionString)>? Find(string pool)
    {
        for (var node = _warm.First; node is not null; node = node.Next)
        {
            if (node.Value.Pool == pool)
            {
                return node;
            }
        }

        return null;
    }

    private void Release(DbConnection connection)
    {
        if (_holding.Remove(connection))
        {
            _slots.Release();
        }
    }
}
