using System.Data.Common;
using System.Runtime.CompilerServices;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.TenantData;

/// <summary>
/// Caps how many organization-database connections this process has open at once
/// (Tenancy:MaxOrganizationConnections). Organization connections are not pooled — with thousands of
/// databases, idle pooled connections would use up the server — so the cap is what keeps a burst of
/// traffic across many organizations inside the server's max_connections: requests beyond it wait.
/// </summary>
public sealed class TenantConnectionGate(IOptions<TenancyOptions> options) : DbConnectionInterceptor
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxOrganizationConnections);
    private readonly ConditionalWeakTable<DbConnection, object> _holding = [];

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        _holding.AddOrUpdate(connection, this);
        return result;
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        _slots.Wait();
        _holding.AddOrUpdate(connection, this);
        return result;
    }

    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Release(connection);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
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

    private void Release(DbConnection connection)
    {
        if (_holding.Remove(connection))
        {
            _slots.Release();
        }
    }
}
