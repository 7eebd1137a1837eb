using System.Diagnostics;
using System.Net;
using MarketEdge.EndToEnd.Tests.Support;
using static MarketEdge.Bench.FaultDrills;

namespace MarketEdge.Bench;

/// <summary>
/// PostgreSQL stopped and started again (same port, as an operator would) while wrk loads organization
/// homes: /health goes red then green by itself, no request hangs, and afterwards every request succeeds.
/// </summary>
public static class PostgresRestart
{
    public static async Task RunAsync(string data)
    {
        await using var portal = await StartPortalAsync(data);
        using var superAdmin = await PortalClient.SignedInAsync(portal);
        var root = $"localhost:{portal.Port}";
        var slugs = await PortalDatabase.ColumnAsync(portal, "SELECT \"Slug\" FROM \"Organizations\" WHERE \"Status\" = 'Active'");
        var homes = slugs.Select(slug => new LoadTarget(root, $"/o/{slug}/", superAdmin.CookieHeader)).ToList();
        Check(homes.Count > 0, $"{homes.Count} organization homes to load");

        var postgresFolder = Path.Combine(data, "postgres");
        var port = File.ReadAllLines(Path.Combine(postgresFolder, "postmaster.pid"))[3];
        using var watching = new CancellationTokenSource();
        var health = WatchHealthAsync(portal, watching.Token);
        var load = Wrk.RunAsync(portal, homes, TimeSpan.FromSeconds(30));

        await Task.Delay(TimeSpan.FromSeconds(5));
        await PgCtlAsync("stop", "-D", postgresFolder, "-m", "fast", "-w");
        Console.WriteLine("   PostgreSQL stopped under load");
        await Task.Delay(TimeSpan.FromSeconds(4));
        await PgCtlAsync("start", "-D", postgresFolder, "-w", "-l", Path.Combine(postgresFolder, "server.log"),
            "-o", $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories=''");
        var restartedAt = Stopwatch.GetTimestamp();
        Console.WriteLine("   PostgreSQL started again");

        var during = await load;
        await watching.CancelAsync();
        var seen = await health;
        Console.WriteLine($"   during the outage: {during.Requests} requests, {during.Errors} not 200, longest {during.MaxMs:0} ms");
        Check(seen.SawRed, "/health answered 503 while PostgreSQL was down");
        Check(seen.GreenAfterRed is { } green && green > restartedAt, "/health answered 200 again after the restart, with no restart of the portal");
        Check(during.MaxMs < 10_000, "no request hung (all answered within wrk's 10 s timeout)");
        Check(!portal.HasExited, "the portal kept running");

        var after = await Wrk.RunAsync(portal, homes, TimeSpan.FromSeconds(5));
        Check(after.Errors == 0 && after.Requests > 0, $"afterwards {after.Requests} requests in 5 s, all 200");
    }

    private sealed record HealthSeen(bool SawRed, long? GreenAfterRed);

    private static async Task<HealthSeen> WatchHealthAsync(PortalProcess portal, CancellationToken stop)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var sawRed = false;
        long? greenAfterRed = null;
        while (!stop.IsCancellationRequested)
        {
            HttpStatusCode? status;
            try
            {
                using var response = await client.GetAsync(portal.Url(path: "/health"), CancellationToken.None);
                status = response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = null;
            }

            if (status != HttpStatusCode.OK)
            {
                sawRed = true;
            }
            else if (sawRed && greenAfterRed is null)
            {
                greenAfterRed = Stopwatch.GetTimestamp();
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return new HealthSeen(sawRed, greenAfterRed);
    }

    private static Task<string> PgCtlAsync(params string[] arguments)
    {
        var pgCtl = Directory.GetFiles("/usr/lib/postgresql", "pg_ctl", SearchOption.AllDirectories).OrderDescending().First();
        return Command.RunAsync("/", new Dictionary<string, string>(), "runuser", ["-u", "postgres", "--", pgCtl, .. arguments]);
    }
}
