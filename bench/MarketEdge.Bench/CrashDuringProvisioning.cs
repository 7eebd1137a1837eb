using MarketEdge.EndToEnd.Tests.Support;
using static MarketEdge.Bench.FaultDrills;

namespace MarketEdge.Bench;

/// <summary>Twenty organizations submitted, the portal SIGKILLed while they provision, restarted: all Active, one database each, no orphans.</summary>
public static class CrashDuringProvisioning
{
    public static async Task RunAsync(string data)
    {
        var slugs = Enumerable.Range(1, 20).Select(n => $"crash-{n:00}").ToArray();
        await using (var portal = await StartPortalAsync(data))
        {
            using var superAdmin = await PortalClient.SignedInAsync(portal);
            var token = await superAdmin.FormTokenAsync("/admin/organizations/new");
            await Task.WhenAll(slugs.Select(async slug =>
            {
                using var created = await superAdmin.PostWithTokenAsync(token, "/admin/organizations/new", PortalClient.NewOrganizationFields($"Crash {slug}", slug));
                Check(created.StatusCode == System.Net.HttpStatusCode.Redirect, $"{slug} submitted");
            }));

            var active = await WaitForAsync(portal, count => count >= 1, TimeSpan.FromSeconds(60));
            await portal.CrashAsync();
            Console.WriteLine($"   killed the portal (SIGKILL) with {active} of 20 Active");
            Check(active < slugs.Length, "some organizations were still provisioning when it died");
        }

        await using (var restarted = await StartPortalAsync(data))
        {
            var active = await WaitForAsync(restarted, count => count == slugs.Length, TimeSpan.FromSeconds(180));
            Check(active == slugs.Length, "after the restart all 20 became Active by themselves");

            var expected = (await PortalDatabase.ColumnAsync(restarted, "SELECT 'org_' || replace(\"Id\"::text, '-', '') FROM \"Organizations\"")).Order().ToList();
            var databases = (await PortalDatabase.ColumnAsync(restarted, "SELECT datname FROM pg_database WHERE datname LIKE 'org\\_%'", "postgres")).Order().ToList();
            Check(databases.SequenceEqual(expected), $"one database per organization ({databases.Count}) and no orphan databases");
            var invitations = await PortalDatabase.CountAsync(restarted,
                "SELECT count(*) FROM (SELECT \"OrganizationId\" FROM \"Invitations\" GROUP BY \"OrganizationId\" HAVING count(*) = 1) single");
            Check(invitations == slugs.Length, "exactly one first-admin invitation per organization");
        }
    }

    private static async Task<long> WaitForAsync(PortalProcess portal, Func<long, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long active;
        do
        {
            active = await PortalDatabase.CountAsync(portal, "SELECT count(*) FROM \"Organizations\" WHERE \"Status\" = 'Active'");
            if (done(active))
            {
                return active;
            }

            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);
        return active;
    }
}
