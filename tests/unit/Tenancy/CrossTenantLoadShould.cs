using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.Tenancy;

/// <summary>Many requests at once across twenty organizations, by subdomain and by route: each answer is its own organization's.</summary>
public sealed class CrossTenantLoadShould : IAsyncLifetime
{
    private const int Organizations = 20;
    private const int RoundsPerOrganization = 6;
    private PortalFactory _portal = null!;
    private readonly List<Organization> _organizations = [];

    public async Task InitializeAsync()
    {
        _portal = await PortalFactory.CreateAsync();
        for (var n = 0; n < Organizations; n++)
        {
            var organization = await _portal.AddOrganizationAsync($"load-{n:00}");
            await _portal.WithServiceAsync<int, TenantDbContextFactory>(async databases =>
            {
                await using var tenantDb = databases.Create(TenantInfo.From(organization));
                tenantDb.Competitors.Add(new Competitor { Name = $"Rival of {organization.Slug}" });
                return await tenantDb.SaveChangesAsync();
            });
            _organizations.Add(organization);
        }
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Answer_every_parallel_request_with_its_own_organizations_title_and_data()
    {
        var byRoute = await _portal.SuperAdminClientAsync();
        var bySubdomain = new Dictionary<string, HttpClient>();
        foreach (var organization in _organizations)
        {
            var client = _portal.ClientFor($"{organization.Slug}.localhost");
            Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail)).StatusCode);
            bySubdomain[organization.Slug] = client;
        }

        var requests = Enumerable.Range(0, RoundsPerOrganization).SelectMany(round => _organizations.Select(organization => (organization, round)))
            .Select(async pair =>
            {
                var (organization, round) = pair;
                var (client, prefix) = round % 2 == 0 ? (bySubdomain[organization.Slug], "") : (byRoute, $"/o/{organization.Slug}");
                var path = round % 3 == 0 ? "/competitors" : "/";
                var response = await client.GetAsync(prefix + path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = await PortalFactory.ParseAsync(response);
                Assert.Contains(organization.Name, page.Title);
                var rivals = page.QuerySelectorAll("body").Single().TextContent;
                if (path == "/competitors")
                {
                    Assert.Contains($"Rival of {organization.Slug}", rivals);
                }

                Assert.DoesNotContain(_organizations.Where(o => o.Id != organization.Id), other => rivals.Contains($"Rival of {other.Slug}") || page.Title!.Contains(other.Name));
            });

        await Task.WhenAll(requests);
    }
}
