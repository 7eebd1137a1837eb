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

    /// <summary>Who requests the page: nobody, the super admin signed in on the organization's subdomain, or on the root host.</summary>
    private enum Caller { Nobody, OnSubdomain, SuperAdmin }

    public static async Task<IReadOnlyList<PageResult>> MeasureAsync(PortalProcess portal, string homeSlug, BenchMode mode)
    {
        var root = $"localhost:{portal.Port}";
        var home = $"{homeSlug}.localhost:{portal.Port}";
        var pages = new (string Name, string Description, string Host, string Path, Caller Caller)[]
        {
            (Floor, "static file /robots.txt (the floor)", root, "/robots.txt", Caller.Nobody),
            (SignIn, "sign-in page (the framework's own cost)", root, "/account/login", Caller.Nobody),
            ("health", "/health (one catalog query)", root, "/health", Caller.Nobody),
            ("home_host", $"organization home by subdomain {homeSlug}.localhost", home, "/", Caller.OnSubdomain),
            ("home_route", $"organization home by route /o/{homeSlug}/", root, $"/o/{homeSlug}/", Caller.SuperAdmin),
            ("users_page", "users page, 50 members", root, $"/o/{homeSlug}/users", Caller.SuperAdmin),
            ("org_list_1000", "super admin's organization list, 1,000 organizations", root, "/admin/organizations", Caller.SuperAdmin),
            ("competitors", $"competitors page by subdomain {homeSlug}.localhost", home, "/competitors", Caller.OnSubdomain),
        };

        // The organization list shows each organization's usage figures: have them worked out, as the periodic job would have.
        using (var superAdmin = await PortalClient.SignedInAsync(portal))
        {
            var refreshed = await superAdmin.PostFormAsync("/admin", "/admin?handler=RefreshUsage");
            if (refreshed.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Working the usage figures out answered {(int)refreshed.StatusCode}.");
            }
        }

        var loads = new List<(string Name, string Description, LoadResult Load)>();
        foreach (var (name, description, host, path, caller) in pages)
        {
            // Signed in afresh for each page, as a browser keeps the cookie the portal renews: a session's
            // security stamp is then checked once a minute, as in use, not on every request of the run.
            using var client = caller switch
            {
                Caller.OnSubdomain => await PortalClient.SignedInAsync(portal, host: $"{homeSlug}.localhost"),
                Caller.SuperAdmin => await PortalClient.SignedInAsync(portal),
                _ => null,
            };
            var target = new LoadTarget(host, path, client?.CookieHeader ?? "");
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
