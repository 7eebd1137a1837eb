using MarketEdge.Portal.Tests.Support;
using System.Net;
using MarketEdge.EndToEnd.Tests.Support;
using Npgsql;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>Provisioning across crashes and across several portal processes, against the real processes and their PostgreSQL.</summary>
public sealed class ProvisioningResilienceShould
{
    [Fact]
    public async Task Finish_provisioning_after_the_portal_is_killed_mid_way_without_duplicates_or_leftovers()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("marketedge-e2e-crash-").FullName;
        var first = await PortalProcess.StartAsync(dataDirectory);
        string database;
        await using (var blocker = new NpgsqlConnection(PortalDatabase.ConnectionString(first)))
        {
            // Hold the invitations table so provisioning stops inside its fourth step, after the database was made and seeded.
            await blocker.OpenAsync();
            await using var transaction = await blocker.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE \"Invitations\" IN ACCESS EXCLUSIVE MODE", blocker, transaction))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            using (var admin = await PortalClient.SignedInAsync(first))
            {
                Assert.Equal(HttpStatusCode.Redirect, (await admin.CreateOrganizationAsync("Crash Test Cinemas", "crash-test")).StatusCode);
            }

            await Eventually.ReachedAsync(() => PortalDatabase.CountAsync(first,
                    "SELECT count(*) FROM \"ProvisioningSteps\" WHERE \"Name\" = 'Invite first admin' AND \"Outcome\" = 'Running'"),
                running => running == 1, TimeSpan.FromSeconds(60), _ => "provisioning never reached its held step");
            database = await PortalDatabase.OrganizationDatabaseAsync(first, "crash-test");
            await first.CrashAsync();
            await transaction.RollbackAsync();
        }

        await using var second = await PortalProcess.StartAsync(dataDirectory);
        await Eventually.ReachedAsync(() => PortalDatabase.ScalarAsync<string>(second, "SELECT \"Status\" FROM \"Organizations\" WHERE \"Slug\" = 'crash-test'"),
            status => status == "Active", TimeSpan.FromSeconds(120), status => $"still {status} two minutes after the restart");

        Assert.Equal(1, await PortalDatabase.CountAsync(second, "SELECT count(*) FROM pg_database WHERE datname LIKE 'org_%'"));
        Assert.Equal(1, await PortalDatabase.CountAsync(second, $"SELECT count(*) FROM pg_database WHERE datname = '{database}'"));
        Assert.Equal(1, await PortalDatabase.CountAsync(second, "SELECT count(*) FROM \"Invitations\""));
        Assert.Equal(1, await PortalDatabase.CountAsync(second, "SELECT count(*) FROM \"OutboxMessages\" WHERE \"To\" = 'admin@crash-test.test'"));
        Assert.Equal(6, await PortalDatabase.CountAsync(second, "SELECT count(*) FROM \"Competitors\"", database));
        Assert.Equal(1, await PortalDatabase.CountAsync(second, "SELECT count(*) FROM \"ProvisioningRuns\" WHERE \"Error\" LIKE 'Interrupted%'"));
        await second.StopAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Share_provisioning_between_two_portal_processes_running_each_job_exactly_once()
    {
        await using var first = await PortalProcess.StartAsync();
        await using var second = await PortalProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["ConnectionStrings__Catalog"] = new NpgsqlConnectionStringBuilder(PortalDatabase.ConnectionString(first)) { Pooling = true }.ConnectionString,
        });
        using var viaFirst = await PortalClient.SignedInAsync(first);
        using var viaSecond = await PortalClient.SignedInAsync(second);

        await Task.WhenAll(Enumerable.Range(1, 10).Select(async n =>
        {
            var response = await (n % 2 == 0 ? viaFirst : viaSecond).CreateOrganizationAsync($"Chain {n}", $"chain-{n}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }));

        await Eventually.ReachedAsync(() => PortalDatabase.CountAsync(first, "SELECT count(*) FROM \"Organizations\" WHERE \"Status\" = 'Active'"),
            active => active == 10, TimeSpan.FromSeconds(120), active => $"{active} of 10 organizations active after two minutes");
        Assert.Equal(10, await PortalDatabase.CountAsync(first, "SELECT count(*) FROM \"ProvisioningRuns\""));
        Assert.Equal(0, await PortalDatabase.CountAsync(first, "SELECT count(*) FROM \"ProvisioningRuns\" WHERE \"Attempt\" > 1 OR \"Outcome\" <> 'Succeeded'"));
        Assert.Equal(10, await PortalDatabase.CountAsync(first, "SELECT count(DISTINCT \"OrganizationId\") FROM \"Invitations\""));
        Assert.Equal(10, await PortalDatabase.CountAsync(first, "SELECT count(*) FROM \"Invitations\""));
        Assert.Equal(10, await PortalDatabase.CountAsync(first, "SELECT count(*) FROM pg_database WHERE datname LIKE 'org_%'"));
        Assert.Equal(2, await PortalDatabase.CountAsync(first, "SELECT count(*) FROM qrtz_scheduler_state"));
        await second.StopAsync();
    }
}
