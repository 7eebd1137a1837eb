using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using MarketEdge.Portal.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MarketEdge.Portal.Tests.Tenancy;

/// <summary>
/// Every organization-scoped endpoint, found in the app's own endpoint data source (so a page added
/// later is covered without anyone remembering), is closed to a member of Odeon when it is Vue's: by
/// route, by subdomain, and with Odeon's own cookies presented on Vue's subdomain. Vue's record ids
/// posted to Odeon's handlers change nothing.
/// </summary>
public sealed class IsolationShould : IAsyncLifetime
{
    private const string Member = "member@iso-odeon.test";
    /// <summary>
    /// A value for every route parameter of an organization page: one of Odeon's own records, so that Odeon's member
    /// gets 200 (the positive control) and the refusals below are about the organization, not a missing record.
    /// A page with a parameter not listed here fails every test of this class until it is given one.
    /// </summary>
    private readonly Dictionary<string, string> _routeValues = new() { ["key"] = "ticket-price-tracking" };

    private PortalFactory _portal = null!;
    private Organization _vue = null!;

    public async Task InitializeAsync()
    {
        _portal = await PortalFactory.CreateAsync();
        var odeon = await _portal.AddOrganizationAsync("iso-odeon");
        _vue = await _portal.AddOrganizationAsync("iso-vue");
        _routeValues["userId"] = (await _portal.AddUserAsync(Member, odeon, MembershipRole.Admin)).Id.ToString();
        _routeValues["batchId"] = await _portal.WithServiceAsync<string, CatalogDbContext>(async catalog =>
        {
            var batch = new InvitationBatch { OrganizationId = odeon.Id, CreatedAt = DateTimeOffset.UtcNow, Status = InvitationBatchStatus.Previewed };
            batch.Rows.Add(new InvitationBatchRow { Line = 2, Email = "new@iso-odeon.test", Name = "New", Role = "User" });
            catalog.InvitationBatches.Add(batch);
            await catalog.SaveChangesAsync();
            return batch.Id.ToString();
        });
        _routeValues["exportId"] = await _portal.WithServiceAsync<string, CatalogDbContext>(async catalog =>
        {
            var export = new OrganizationExport { OrganizationId = odeon.Id, RequestedAt = DateTimeOffset.UtcNow, Status = OrganizationExportStatus.Queued };
            catalog.OrganizationExports.Add(export);
            await catalog.SaveChangesAsync();
            return export.Id.ToString();
        });
        await _portal.WithServiceAsync<int, Exports.OrganizationExports>(async exports =>
        {
            await exports.RunAsync(Guid.Parse(_routeValues["exportId"]), CancellationToken.None); // a real archive of Odeon's
            return 0;
        });
        foreach (var organization in new[] { odeon, _vue })
        {
            await _portal.WithServiceAsync<int, TenantDbContextFactory>(async databases =>
            {
                await using var tenantDb = databases.Create(TenantInfo.From(organization));
                tenantDb.Competitors.Add(new Competitor { Name = $"{organization.Slug} rival" });
                return await tenantDb.SaveChangesAsync();
            });
        }
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private IEnumerable<(string Method, string Path, string? Handler)> OrganizationEndpoints() =>
        _portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(TenantScopeMatcherPolicy.IsOrganizationScoped)
            .SelectMany(endpoint =>
            {
                var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part =>
                    part switch
                    {
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => _routeValues.TryGetValue(parameter.Name, out var value)
                            ? value : throw new InvalidOperationException($"{endpoint.DisplayName}: give its parameter {{{parameter.Name}}} a value of Odeon's in _routeValues."),
                        _ => "",
                    })))).ToLowerInvariant();
                var page = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>()
                    ?? throw new InvalidOperationException($"{endpoint.DisplayName} is not a compiled page.");
                var handlers = page.HandlerMethods.Select(h => (h.HttpMethod.ToUpperInvariant(), path, h.Name)).ToList();
                return handlers.Count > 0 ? handlers : [("GET", path, (string?)null)];
            })
            .Distinct();

    [Fact]
    public async Task Find_the_organization_pages_to_check()
    {
        var endpoints = OrganizationEndpoints().ToList();

        Assert.Contains(("GET", "/", null), endpoints);
        Assert.Contains(("POST", "/competitors", "Remove"), endpoints);
        Assert.Contains(("GET", "/modules/ticket-price-tracking", null), endpoints);
        Assert.Contains(("POST", $"/users/batch/{_routeValues["batchId"]}", "Send"), endpoints);
    }

    [Fact]
    public async Task Let_odeons_member_into_odeons_own_pages_so_the_refusals_below_mean_something()
    {
        var odeon = await SignedInAsync("iso-odeon.localhost");
        foreach (var (_, path, handler) in OrganizationEndpoints().Where(e => e.Method == "GET"))
        {
            var status = (await odeon.GetAsync(WithHandler(path, handler))).StatusCode;
            Assert.True(status == HttpStatusCode.OK, $"GET {WithHandler(path, handler)} answered Odeon's member {(int)status}");
        }
    }

    [Fact]
    public async Task Refuse_every_vue_endpoint_to_odeons_member_by_route_by_subdomain_and_with_odeons_cookies()
    {
        var byRoute = await SignedInAsync("localhost");
        var bySubdomain = await SignedInAsync("iso-vue.localhost");
        var odeonCookie = await OdeonCookieAsync();

        foreach (var (method, path, handler) in OrganizationEndpoints())
        {
            var target = WithHandler(path, handler);
            await AssertRefusedAsync(byRoute, method, $"/o/iso-vue{target}", $"by route: {method} {target}");
            await AssertRefusedAsync(bySubdomain, method, target, $"by subdomain: {method} {target}");
            var withOdeonCookie = _portal.CreateClient(new() { BaseAddress = new Uri("http://iso-vue.localhost/"), AllowAutoRedirect = false, HandleCookies = false });
            withOdeonCookie.DefaultRequestHeaders.Add("Cookie", odeonCookie);
            await AssertRefusedAsync(withOdeonCookie, method, target, $"Odeon's cookie on Vue's subdomain: {method} {target}");
        }
    }

    [Fact]
    public async Task Accept_a_post_of_odeons_member_to_odeon_so_that_refused_posts_mean_something()
    {
        var odeon = await SignedInAsync("iso-odeon.localhost");

        var added = await PortalFactory.PostFormAsync(odeon, "/competitors", "/competitors?handler=Add", ("name", "Posted rival"), ("location", "Leeds"));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Posted rival", await (await odeon.GetAsync("/competitors")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Refuse_every_post_without_an_antiforgery_token()
    {
        var member = await SignedInAsync("iso-odeon.localhost");
        var superAdmin = await _portal.SuperAdminClientAsync();
        var posts = _portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>()?.HandlerMethods ?? [])
                .Where(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase))
                .Select(h => (Scope: EndpointScopes.Of(endpoint), Path: PathOf(endpoint), h.Name)))
            .Distinct().ToList();

        Assert.Contains(posts, p => p.Scope == EndpointScope.Organization);
        Assert.Contains(posts, p => p.Scope == EndpointScope.Platform);
        Assert.Contains(posts, p => p.Scope == EndpointScope.Anywhere);
        foreach (var (scope, path, handler) in posts)
        {
            var client = scope == EndpointScope.Organization ? member : superAdmin;
            var response = await client.PostAsync(WithHandler(path, handler), new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "No token" }));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {WithHandler(path, handler)} ({scope}) without a token answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Not_find_vues_records_through_odeons_handlers()
    {
        var odeon = await SignedInAsync("iso-odeon.localhost");
        var vueRival = await _portal.WithServiceAsync<Guid, TenantDbContextFactory>(async databases =>
        {
            await using var tenantDb = databases.Create(TenantInfo.From(_vue));
            return await tenantDb.Competitors.Select(c => c.Id).SingleAsync();
        });

        var response = await PortalFactory.PostFormAsync(odeon, "/competitors", $"/competitors?handler=Remove&id={vueRival}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var stillThere = await _portal.WithServiceAsync<bool, TenantDbContextFactory>(async databases =>
        {
            await using var tenantDb = databases.Create(TenantInfo.From(_vue));
            return await tenantDb.Competitors.AnyAsync(c => c.Id == vueRival);
        });
        Assert.True(stillThere);
    }

    private async Task<HttpClient> SignedInAsync(string host)
    {
        var client = _portal.ClientFor(host);
        await PortalFactory.SignInAsync(client, Member);
        return client;
    }

    private async Task<string> OdeonCookieAsync()
    {
        var signIn = await PortalFactory.SignInAsync(_portal.CreateClient(new() { BaseAddress = new Uri("http://iso-odeon.localhost/"), AllowAutoRedirect = false }), Member);
        return signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("MarketEdge.Auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private string PathOf(RouteEndpoint endpoint) =>
        "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => _routeValues.GetValueOrDefault(parameter.Name, "x"),
            _ => "",
        })))).ToLowerInvariant();

    private static string WithHandler(string path, string? handler) => handler is null ? path : $"{path}?handler={handler}";

    private static async Task AssertRefusedAsync(HttpClient client, string method, string target, string what)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), target);
        if (method != HttpMethods.Get)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Injected", ["id"] = Guid.NewGuid().ToString() });
        }

        var response = await client.SendAsync(request);
        var toSignIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/account/login") == true;
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || toSignIn, $"{what} answered {(int)response.StatusCode}, not 403 or the sign-in page");
        Assert.DoesNotContain("iso-vue rival", await response.Content.ReadAsStringAsync());
    }
}
