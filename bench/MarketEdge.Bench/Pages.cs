using System.Net;
using MarketEdge.EndToEnd.Tests.Support;

namespace MarketEdge.Bench;

public sealed record PageResult(string Name, string Description, LoadResult Load, double RatioToFloor);

/// <summary>Throughput and latency of single pages at 32 connections, each against a static file served by the same process.</summary>
public static class Pages
{
    public const string Floor = "floor";

    public static async Task<IReadOnlyList<PageResult>> MeasureAsync(PortalProcess portal, PortalClient superAdmin, string homeSlug, BenchMode mode)
    {
        var root = $"localhost:{portal.Port}";
        using var member = await PortalClient.SignedInAsync(portal, host: $"{homeSlug}.localhost");
        var pages = new (string Name, string Description, LoadTarget Target)[]
        {
            (Floor, "static file /robots.txt (the floor)", new(root, "/robots.txt")),
            ("home_host", $"organization home by subdomain {homeSlug}.localhost", new($"{homeSlug}.localhost:{portal.Port}", "/", member.CookieHeader)),
            ("home_route", $"organization home by route /o/{homeSlug}/", new(root, $"/o/{homeSlug}/", superAdmin.CookieHeader)),
            ("users_page", "users page, 50 members", new(root, $"/o/{homeSlug}/users", superAdmin.CookieHeader)),
            ("org_list_1000", "super admin's organization list, 1,000 organizations", new(root, "/admin/organizations", superAdmin.CookieHeader)),
        };

        var results = new List<PageResult>();
        foreach (var (name, description, target) in pages)
        {
            await EnsureOkAsync(portal, target);
            await Wrk.RunAsync(portal, [target], mode.Warmup);
            var load = await Wrk.RunAsync(portal, [target], mode.PageDuration);
            var floor = results.FirstOrDefault()?.Load.Rps ?? load.Rps;
            results.Add(new PageResult(name, description, load, load.Rps / floor));
            Console.WriteLine($"  {description}: {load.Rps:0} req/s, p99 {load.P99Ms:0.0} ms, {load.Errors} errors");
        }

        return results;
    }

    /// <summary>A page that answers a redirect to sign-in would be measured as fast and wrong: check it is a real 200 first.</summary>
    public static async Task EnsureOkAsync(PortalProcess portal, LoadTarget target)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{portal.Port}{target.Path}");
        request.Headers.Host = target.Host;
        if (target.Cookie != "")
        {
            request.Headers.Add("Cookie", target.Cookie);
        }

        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{target.Host}{target.Path} answered {(int)response.StatusCode}, not 200.");
        }
    }
}
