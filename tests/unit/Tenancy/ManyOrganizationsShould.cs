using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketEdge.Portal.Tests.Tenancy;

/// <summary>Many organizations on one PostgreSQL with its default max_connections (100), served at once.</summary>
public sealed class ManyOrganizationsShould : IAsyncLifetime
{
    private const int Organizations = 200;
    private const int MaxServerConnections = 80;

    private readonly string _folder = Directory.CreateTempSubdirectory("marketedge-many-").FullName;
    private EmbeddedPostgresServer _server = null!;
    private PortalFactory? _portal;

    public async Task InitializeAsync()
    {
        _server = EmbeddedPostgresServer.Start(_folder, NullLogger.Instance); // a server of its own, so only this portal's connections count
        try
        {
            await FillAsync();
        }
        catch
        {
            await DisposeAsync(); // xunit does not dispose what failed to initialize: leave no server running
            throw;
        }
    }

    private async Task FillAsync()
    {
        var catalog = _server.ConnectionString("catalog");
        await PostgresDatabases.CreateIfMissingAsync(catalog, CancellationToken.None);
        _portal = new PortalFactory(catalog, bootstrapSuperAdmin: true);

        // The fast path: one organization provisioned for real, the others' databases copied from it.
        var template = await _portal.AddOrganizationAsync("many-000");
        const string templateDatabase = "many_template"; // a copy nobody connects to: CREATE DATABASE needs an unused template
        await CopyWhenIdleAsync($"org_{template.Id:N}", templateDatabase);
        for (var n = 1; n < Organizations; n++)
        {
            var organization = await _portal.WithServiceAsync<Organization, CatalogDbContext>(async db =>
            {
                var added = new Organization
                {
                    Slug = $"many-{n:000}", Name = $"Chain {n:000}", Status = OrganizationStatus.Active, PackId = "cinema", SicCode = "59140",
                    FirstAdminEmail = "a@b.test",
                };
                db.Organizations.Add(added);
                await db.SaveChangesAsync();
                return added;
            });
            await TestPostgres.ScalarAsync<int>(_server.ConnectionString("postgres"),
                $"CREATE DATABASE org_{organization.Id:N} TEMPLATE {templateDatabase}");
        }
    }

    /// <summary>Copies a database once the portal's pooled connections to it have been closed as idle (within seconds).</summary>
    private async Task CopyWhenIdleAsync(string source, string copy)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TestPostgres.ScalarAsync<int>(_server.ConnectionString("postgres"), $"CREATE DATABASE {copy} TEMPLATE {source}");
                return;
            }
            catch (Npgsql.PostgresException busy) when (busy.SqlState == "55006" && attempt < 60)
            {
                await Task.Delay(500);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Serve_every_home_in_parallel_without_running_out_of_connections()
    {
        var admin = await _portal!.SuperAdminClientAsync();
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakConnectionsAsync(sampling.Token);

        var statuses = new HttpStatusCode[Organizations];
        await Parallel.ForEachAsync(Enumerable.Range(0, Organizations), new ParallelOptions { MaxDegreeOfParallelism = 150 },
            async (n, token) => statuses[n] = (await admin.GetAsync($"/o/many-{n:000}/", token)).StatusCode);

        await sampling.CancelAsync();
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.InRange(await peak, 1, MaxServerConnections);
    }

    private async Task<long> SamplePeakConnectionsAsync(CancellationToken stop)
    {
        long peak = 0;
        await using var monitor = new Npgsql.NpgsqlConnection(_server.ConnectionString("postgres") + ";Pooling=false");
        await monitor.OpenAsync(CancellationToken.None);
        while (!stop.IsCancellationRequested)
        {
            await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'", monitor);
            peak = Math.Max(peak, (long)(await count.ExecuteScalarAsync(CancellationToken.None))!);
            await Task.Delay(20, CancellationToken.None);
        }

        return peak;
    }
}
