using System.Net;
using System.Text.RegularExpressions;
using MarketEdge.EndToEnd.Tests.Support;
using static MarketEdge.Bench.FaultDrills;

namespace MarketEdge.Bench;

/// <summary>
/// Organization names made to break pages — markup, right-to-left overrides, the longest allowed, a
/// 10 kB one — through the real form and in bulk: they show as text, isolated, and the pages stay fast.
/// </summary>
public static partial class HostileNames
{
    private const string Script = "<script>alert('owned')</script> Cinemas";
    private const string RightToLeft = "\u202Egnp.exe Films";

    public static async Task RunAsync(string data)
    {
        await using var portal = await StartPortalAsync(data);
        using var superAdmin = await PortalClient.SignedInAsync(portal);
        var token = await superAdmin.FormTokenAsync("/admin/organizations/new");
        string[] accepted = [Script, "\"><img src=x onerror=alert(1)> Screens", RightToLeft, "سينما Picturehouse", new string('W', 200)];
        for (var n = 0; n < accepted.Length; n++)
        {
            using var created = await superAdmin.PostWithTokenAsync(token, "/admin/organizations/new", PortalClient.NewOrganizationFields(accepted[n], $"hostile-{n}"));
            Check(created.StatusCode == HttpStatusCode.Redirect, $"created by the form: {Printable(accepted[n])}");
        }

        using (var tooLong = await superAdmin.PostWithTokenAsync(token, "/admin/organizations/new", PortalClient.NewOrganizationFields(new string('x', 10_240), "hostile-long")))
        {
            var page = await tooLong.Content.ReadAsStringAsync();
            Check(page.Contains("Keep the name under 200 characters.") && await SlugCountAsync(portal, "hostile-long") == 0,
                "a 10 kB name is refused beside the field and nothing is created");
        }

        await FastPath.FillOrganizationsAsync(portal, "hostile-0", 300, "bulk", n => accepted[n % accepted.Length][..Math.Min(190, accepted[n % accepted.Length].Length)] + $" {n}");
        Console.WriteLine("   300 organizations with such names in the catalog");

        var list = await superAdmin.GetAsync("/admin/organizations");
        var html = await list.Content.ReadAsStringAsync();
        Check(list.StatusCode == HttpStatusCode.OK && !html.Contains("<script>alert") && !html.Contains("<img src=x") && html.Contains("&lt;script&gt;"),
            "the organization list shows markup as text");
        Check(RightToLeftOutsideIsolation(html) == 0 && html.Contains("&#x202E;"), "right-to-left overrides only inside <bdi>, so they cannot reorder the page around them");

        foreach (var path in new[] { "/o/hostile-0/", "/admin/organizations/hostile-0", "/o/hostile-2/" })
        {
            using var response = await superAdmin.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Check(response.StatusCode == HttpStatusCode.OK && !body.Contains("<script>alert") && RightToLeftOutsideIsolation(body) == 0,
                $"{path} renders the name escaped and isolated");
        }

        var root = $"localhost:{portal.Port}";
        var search = "/admin/organizations?q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("<script>", 500)));
        var lists = await Wrk.RunAsync(portal, [new(root, "/admin/organizations", superAdmin.CookieHeader), new(root, search, superAdmin.CookieHeader)], TimeSpan.FromSeconds(8));
        Console.WriteLine($"   list and a 4 kB hostile search: {lists.Rps:0} req/s, p99 {lists.P99Ms:0.0} ms");
        Check(lists.Errors == 0 && lists.P99Ms < 250, "the list and the search answer 200 with p99 under 250 ms at 32 connections");
    }

    private static int RightToLeftOutsideIsolation(string html) => Regex.Matches(BdiContent().Replace(html, ""), "&#x202E;|\u202E").Count;

    private static async Task<long> SlugCountAsync(PortalProcess portal, string slug) =>
        await PortalDatabase.ScalarAsync<long>(portal, "SELECT count(*) FROM \"Organizations\" WHERE \"Slug\" = @slug", PortalDatabase.Catalog, ("slug", slug));

    private static string Printable(string name) => name.Length > 40 ? name[..20] + $"… ({name.Length} characters)" : name.Replace("\u202E", "[RLO]");

    [GeneratedRegex("<bdi>.*?</bdi>", RegexOptions.Singleline)]
    private static partial Regex BdiContent();
}
