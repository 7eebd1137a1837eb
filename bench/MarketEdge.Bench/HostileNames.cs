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

        await using (var catalog = await FastPath.OpenAsync(portal, PortalDatabase.Catalog))
        {
            await Provisioning.WaitUntilActiveAsync(catalog, accepted.Select((_, n) => $"hostile-{n}").ToArray());
        }

        await FastPath.FillOrganizationsAsync(portal, "hostile-0", 300, "bulk", n => accepted[n % accepted.Length][..Math.Min(190, accepted[n % accepted.Length].Length)] + $" {n}");
        Console.WriteLine("   300 organizations with such names in the catalog");

        var list = await superAdmin.GetAsync("/admin/organizations");
        var html = await list.Content.ReadAsStringAsync();
        Check(list.StatusCode == HttpStatusCode.OK && !html.Contains("<script>alert") && !html.Contains("<img src=x") && html.Contains("&lt;script&gt;"),
            "the organization list shows markup as text");
        Check(RightToLeftOutsideIsolation(html) == 0 && html.Contains("&#x202E;"), "right-to-left overrides only inside isolation (<bdi>, or FSI…PDI in the title), so they cannot reorder the page around them");

        foreach (var path in new[] { "/o/hostile-0/", "/admin/organizations/hostile-0", "/o/hostile-2/" })
        {
            using var response = await superAdmin.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Check(response.StatusCode == HttpStatusCode.OK && !body.Contains("<script>alert") && RightToLeftOutsideIsolation(body) == 0,
                $"{path} renders the name escaped and isolated");
        }

        var root = $"localhost:{portal.Port}";
        var search = "/admin/organizations?q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("<script>", 500)));
        // Fast means as fast as the list of plain names (the 20 crash-NN organizations), measured the same way in the same run.
        var plain = new LoadTarget(root, "/admin/organizations?q=crash-", superAdmin.CookieHeader);
        LoadTarget[] hostile = [new(root, "/admin/organizations", superAdmin.CookieHeader), new(root, search, superAdmin.CookieHeader)];
        await Wrk.RunAsync(portal, [plain, .. hostile], TimeSpan.FromSeconds(15)); // warm up: a fresh process is still compiling
        var baseline = await Wrk.RunAsync(portal, [plain], TimeSpan.FromSeconds(8));
        Console.WriteLine($"   plain names: {baseline.Rps:0} req/s, p99 {baseline.P99Ms:0.0} ms");
        foreach (var page in hostile)
        {
            var load = await Wrk.RunAsync(portal, [page], TimeSpan.FromSeconds(8));
            var what = page.Path == search ? "a 4 kB search of markup" : "the list, hostile names first";
            Console.WriteLine($"   {what}: {load.Rps:0} req/s, p99 {load.P99Ms:0.0} ms");
            Check(load.Errors == 0 && load.P99Ms <= 2 * baseline.P99Ms, $"{what} answers 200, p99 within twice the plain list's");
        }
    }

    private static int RightToLeftOutsideIsolation(string html) => Regex.Matches(BdiContent().Replace(html, ""), "&#x202E;|\u202E").Count;

    private static async Task<long> SlugCountAsync(PortalProcess portal, string slug) =>
        await PortalDatabase.ScalarAsync<long>(portal, "SELECT count(*) FROM \"Organizations\" WHERE \"Slug\" = @slug", PortalDatabase.Catalog, ("slug", slug));

    private static string Printable(string name) => name.Length > 40 ? name[..20] + $"… ({name.Length} characters)" : name.Replace("\u202E", "[RLO]");

    /// <summary>Text isolated from its surroundings: inside &lt;bdi&gt;, or between FSI and PDI (where markup cannot go, as in &lt;title&gt;).</summary>
    [GeneratedRegex("<bdi>.*?</bdi>|(&#x2068;|\u2068).*?(&#x2069;|\u2069)", RegexOptions.Singleline)]
    private static partial Regex BdiContent();
}
