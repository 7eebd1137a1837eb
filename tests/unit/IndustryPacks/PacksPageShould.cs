using System.Net;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.IndustryPacks;

/// <summary>/admin/packs on a portal whose plugins folder holds the five good packs and one of every kind of broken pack.</summary>
public sealed class PacksPageShould : IAsyncLifetime
{
    private readonly PackFolders _plugins = new();
    private PortalFactory _portal = null!;

    public async Task InitializeAsync()
    {
        foreach (var broken in PackLoaderShould.BrokenPacks)
        {
            _plugins.PlantBroken((string)broken[0]);
        }

        _portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string> { ["IndustryPacks:Directory"] = _plugins.Directory });
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        _plugins.Dispose();
    }

    [Fact]
    public async Task Start_healthy_and_name_each_broken_pack_with_its_reason_beside_the_good_ones()
    {
        var client = _portal.ClientFor();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail);

        var page = await PortalFactory.ParseAsync(await client.GetAsync("/admin/packs"));

        var failedRows = page.QuerySelectorAll("[data-testid=failed-packs] tbody tr");
        foreach (var broken in PackLoaderShould.BrokenPacks)
        {
            var row = failedRows.Single(r => r.GetAttribute("data-folder") == (string)broken[0]);
            Assert.Contains((string)broken[1], row.TextContent);
            Assert.Contains("Failed", row.TextContent);
        }

        Assert.Equal(PackFolders.BuiltInPackIds, page.QuerySelectorAll("[data-testid=pack]").Select(p => p.GetAttribute("data-pack-id")).Order());
    }

    [Fact]
    public async Task Show_each_packs_sic_codes_with_titles_and_its_flags_with_defaults()
    {
        var client = _portal.ClientFor();
        await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail);

        var page = await PortalFactory.ParseAsync(await client.GetAsync("/admin/packs"));

        var cinema = page.QuerySelector("[data-pack-id=cinema]")!;
        Assert.Contains("Motion picture projection activities", cinema.QuerySelector("[data-testid=pack-sic-codes]")?.TextContent);
        var flags = cinema.QuerySelectorAll("[data-testid=pack-flags] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(flags, f => f.Contains("ticket-price-tracking") && f.Contains("On"));
        Assert.Contains(flags, f => f.Contains("concessions-benchmarking") && f.Contains("Off"));
        Assert.Equal("1.0.0", cinema.QuerySelector("[data-testid=pack-version]")?.TextContent);
    }

    [Fact]
    public async Task Answer_a_sic_search_with_the_page_or_just_the_results_for_htmx()
    {
        var client = _portal.ClientFor();
        await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail);

        var page = await PortalFactory.ParseAsync(await client.GetAsync("/admin/packs?q=5914"));
        Assert.Contains("Cinema", page.QuerySelector("[data-testid=sic-results] tr[data-code='59140']")?.TextContent);
        Assert.NotNull(page.QuerySelector("h1"));

        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/packs?q=cinema");
        request.Headers.Add("HX-Request", "true");
        var fragmentResponse = await client.SendAsync(request);
        var fragment = await PortalFactory.ParseAsync(fragmentResponse);
        Assert.Null(fragment.QuerySelector("h1"));
        Assert.Contains("Cinema", fragment.QuerySelector("tr[data-code='59140']")?.TextContent);
        Assert.Contains("HX-Request", fragmentResponse.Headers.Vary);
    }

    [Fact]
    public async Task Be_for_super_admins_only()
    {
        var response = await _portal.ClientFor().GetAsync("/admin/packs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
