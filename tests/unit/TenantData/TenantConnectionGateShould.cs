using System.Net;
using System.Net.Sockets;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketEdge.Portal.Tests.TenantData;

/// <summary>The cap on organization-database connections gives every slot back, however a connection ends.</summary>
public sealed class TenantConnectionGateShould
{
    private readonly TenantConnectionGate _gate = new(Options.Create(new TenancyOptions { MaxOrganizationConnections = 1 }));

    [Fact]
    public async Task Give_the_slot_back_when_a_query_ends()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        for (var n = 0; n < 3; n++)
        {
            await using var db = Context(database);
            Assert.Equal(1, await QueryOneAsync(db, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Give_the_slot_back_when_connecting_is_aborted_or_times_out()
    {
        // A server that accepts and never answers: the open hangs until the request is aborted (a client that went away).
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var silentServer = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = ((IPEndPoint)silent.LocalEndpoint).Port, Database = "x", Username = "x", Password = "x",
            Pooling = false, Timeout = 2,
        }.ConnectionString;
        using var aborted = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await using (var hanging = Context(silentServer))
        {
            // Aborted by the token, or by the connect timeout when the machine is too busy to notice the abort first.
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => QueryOneAsync(hanging, aborted.Token));
            Assert.True(failure is OperationCanceledException || failure.InnerException is NpgsqlException, failure.ToString());
        }

        await using var next = Context(await TestPostgres.CreateDatabaseAsync());
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await QueryOneAsync(next, wait.Token)); // with the slot lost, this would wait until cancelled
    }

    [Fact]
    public async Task Give_the_slot_back_when_the_request_is_aborted_during_a_query()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var aborted = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await using (var slow = Context(database))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                slow.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\" FROM pg_sleep(5)").ToListAsync(aborted.Token));
        }

        await using var next = Context(database);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await QueryOneAsync(next, wait.Token));
    }

    private TenantDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<TenantDbContext>().UseNpgsql(connectionString).AddInterceptors(_gate).Options);

    private static async Task<int> QueryOneAsync(TenantDbContext db, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync(cancellationToken)).Single();
}
