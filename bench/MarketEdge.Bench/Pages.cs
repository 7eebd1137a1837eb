using System.Net;
using MarketEdge.EndToEnd.Tests.Support;

namespace MarketEdge.Bench;

public sealed record PageResult(string Name, string Description, LoadResult Load, double RatioToFloor, double RatioToSignIn);

/// <summary>
/// Throughput and latency of single pages at 32 connections, each against two yardsticks served by the same
/// process in the same run: a static file (the floor) and the sign-in page, which pays every framework
/// cost an organization page does (Razor, the layout, an antiforgery token) but reads no data.
/// </summary>
public static class Pages
{
    public const string Floor = "floor";
    public const string SignIn = "signin";

    public static async Task<IReadOnlyList<PageResult>> MeasureAsync(PortalProcess portal, PortalClient superAdmin, string homeSlug, BenchMode mode)
    {
        var root = $"localhost:{portal.Port}";
        using var member = await PortalClient.SignedInAsync(portal, host: $"{homeSlug}.localhost");
        var pages = new (string Name, string Description, LoadTarget Target)[]
        {
            (Floor, "static file /robots.txt (the floor)", new(root, "/robots.txt")),
            (SignIn, "sign-in page (the framework's own cost)", new(root, "/account/login")),
            ("health", "/health (one catalog query)", new(root, "/health")),
            ("home_host", $"organization home by subdomain {homeSlug}.localhost", new($"{homeSlug}.localhost:{portal.Port}", "/", member.CookieHeader)),
            ("home_route", $"organization home by route /o/{homeSlug}/", new(root, $"/o/{homeSlug}/", superAdmin.CookieHeader)),
            ("users_page", "users page, 50 members", new(root, $"/o/{homeSlug}/users", superAdmin.CookieHeader)),
            ("org_list_1000", "super admin's organization list, 1,000 organizations", new(root, "/admin/organizations", superAdmin.CookieHeader)),
            ("competitors", $"competitors page by subdomain {homeSlug}.localhost", new($"{homeSlug}.localhost:{portal.Port}", "/competitors", member.CookieHeader)),
        };

        var loads = new List<(string Name, string Description, LoadResult Load)>();
        foreach (var (name, description, target) in pages)
        {
            await EnsureOkAsync(portal, target);
            await Wrk.RunAsync(portal, [target], mode.Warmup);
            var load = mode.Profile
                ? await Profiler.WhileAsync(portal, name, () => Wrk.RunAsync(portal, [target], mode.PageDuration))
                : await Wrk.RunAsync(portal, [target], mode.PageDuration);
            loads.Add((name, description, load));
            Console.WriteLine($"  {description}: {load.Rps:0} req/s, p99 {load.P99Ms:0.0} ms, {load.Errors} errors");
        }

        var floor = loads.Single(l => l.Name == Floor).Load.Rps;
        var signIn = loads.Single(l => l.Name == SignIn).Load.Rps;
        return loads.Select(l => new PageResult(l.Name, l.Description, l.Load, l.Load.Rps / floor, l.Load.Rps / signIn)).ToList();
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
