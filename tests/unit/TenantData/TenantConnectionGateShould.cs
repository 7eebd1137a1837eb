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
[Collection(nameof(ProcessWideConnectionPools))]
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

    [Fact]
    public async Task Reuse_the_connections_of_an_organization_in_use()
    {
        var gate = new TenantConnectionGate(Options.Create(new TenancyOptions()));
        var database = Pooled(await TestPostgres.CreateDatabaseAsync());
        var first = await BackendAsync(gate, database);
        Assert.Equal(first, await BackendAsync(gate, database)); // the same server process: taken from the pool, not opened anew
    }

    [Fact]
    public async Task Close_the_idle_connections_of_an_organization_no_longer_among_the_warm_ones()
    {
        var gate = new TenantConnectionGate(Options.Create(new TenancyOptions { MaxOrganizationConnections = 10 })); // one warm pool
        var earlier = Pooled(await TestPostgres.CreateDatabaseAsync());
        var later = Pooled(await TestPostgres.CreateDatabaseAsync());
        await BackendAsync(gate, earlier);
        Assert.Equal(1, await ServerConnectionsAsync(earlier, expected: 1)); // idle in its pool while it is the warm one

        await BackendAsync(gate, later);
        Assert.Equal(0, await ServerConnectionsAsync(earlier, expected: 0));
        Assert.Equal(1, await ServerConnectionsAsync(later, expected: 1));
    }

    [Fact]
    public async Task Keep_serving_other_organizations_while_one_busy_organization_wants_every_slot()
    {
        var gate = new TenantConnectionGate(Options.Create(new TenancyOptions { MaxOrganizationConnections = 4 }));
        var busy = Pooled(await TestPostgres.CreateDatabaseAsync());
        var quiet = Pooled(await TestPostgres.CreateDatabaseAsync());
        var held = new List<TenantDbContext>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var busyOpens = new List<Task>();
        try
        {
            busyOpens = Enumerable.Range(0, 4).Select(async _ =>
            {
                var db = new TenantDbContext(new DbContextOptionsBuilder<TenantDbContext>().UseNpgsql(busy).AddInterceptors(gate).Options);
                lock (held)
                {
                    held.Add(db);
                }

                await db.Database.OpenConnectionAsync(patience.Token);
            }).ToList();
            await Task.Delay(500); // the busy organization's requests have all arrived and hold (or wait for) connections

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await using var other = new TenantDbContext(new DbContextOptionsBuilder<TenantDbContext>().UseNpgsql(quiet).AddInterceptors(gate).Options);
            Assert.Equal(1, await QueryOneAsync(other, wait.Token));
            Assert.Equal(2, busyOpens.Count(t => t.IsCompletedSuccessfully)); // its fair share: half the cap
        }
        finally
        {
            await patience.CancelAsync(); // the opens still waiting for the busy organization's share give up
            await Task.WhenAll(busyOpens.Select(open => open.ContinueWith(_ => { }, TaskScheduler.Default)));
            foreach (var db in held)
            {
                await db.DisposeAsync();
            }
        }
    }

    private static string Pooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = true, MaxPoolSize = TenantConnectionGate.PoolSize }.ConnectionString;

    private static async Task<int> BackendAsync(TenantConnectionGate gate, string connectionString)
    {
        await using var db = new TenantDbContext(new DbContextOptionsBuilder<TenantDbContext>().UseNpgsql(connectionString).AddInterceptors(gate).Options);
        return (await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").ToListAsync()).Single();
    }

    /// <summary>Connections the server has to the database: as soon as they are <paramref name="expected"/>, or what they are after 5 s.</summary>
    private static Task<long> ServerConnectionsAsync(string connectionString, long expected)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        return Eventually.ValueAsync(
            () => TestPostgres.ScalarAsync<long>(TestPostgres.Instance.ConnectionString("postgres"), $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}'"),
            count => count == expected, TimeSpan.FromSeconds(5));
    }

    private TenantDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<TenantDbContext>().UseNpgsql(connectionString).AddInterceptors(_gate).Options);

    private static async Task<int> QueryOneAsync(TenantDbContext db, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync(cancellationToken)).Single();
}
