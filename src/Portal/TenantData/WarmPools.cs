using System.Data.Common;
using Npgsql;

namespace MarketEdge.Portal.TenantData;

/// <summary>
/// Which organization databases may keep idle pooled connections: the <paramref name="capacity"/> most
/// recently used. When another organization becomes one of them, the least recently used pool's idle
/// connections are closed; a connection given back to a pool that is not warm is closed at once.
/// </summary>
public sealed class WarmPools(int capacity)
{
    private readonly LinkedList<(string Pool, string ConnectionString)> _warm = []; // most recently used first
    private readonly Lock _lock = new();

    /// <summary>Called as <paramref name="connection"/> opens: its pool becomes the most recently used.</summary>
    public void Use(DbConnection connection)
    {
        var pool = PoolOf(connection);
        string? cooled = null;
        lock (_lock)
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
            if (_warm.Count > capacity)
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

    /// <summary>Called once <paramref name="connection"/> is closed (given back to its pool).</summary>
    public void Returned(DbConnection connection)
    {
        bool warm;
        lock (_lock)
        {
            warm = Find(PoolOf(connection)) is not null;
        }

        if (!warm && connection is NpgsqlConnection npgsql)
        {
            NpgsqlConnection.ClearPool(npgsql);
        }
    }

    /// <summary>Which pool a connection belongs to: its server and database (its connection string loses the password once open).</summary>
    private static string PoolOf(DbConnection connection) => $"{connection.DataSource}/{connection.Database}";

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
}
