using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using MarketEdge.Portal.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MarketEdge.Portal.Tests.Web;

/// <summary>
/// Every endpoint the portal serves — pages, handlers, minimal APIs, health, anything added later — declares
/// where it answers: inside an organization, on the platform, or anywhere (with its reason). The guard reads
/// the app's own endpoint data source, so nothing new escapes it.
/// </summary>
public sealed class EndpointScopesShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public void Classify_every_endpoint_of_the_portal()
    {
        var unclassified = Unclassified(Portal.Services);

        Assert.True(unclassified.Count == 0, "Endpoints without exactly one scope: " + string.Join(", ", unclassified));
    }

    [Fact]
    public void Fail_for_an_endpoint_added_without_a_scope()
    {
        using var withDummy = Portal.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddSingleton<IStartupFilter>(new DummyEndpoint())));

        Assert.Contains("GET /dummy-report", Unclassified(withDummy.Services));
    }

    [Fact]
    public void Scope_every_page_that_reads_an_organizations_database_to_the_organization()
    {
        var pages = Portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<CompiledPageActionDescriptor>())
            .OfType<CompiledPageActionDescriptor>()
            .DistinctBy(page => page.ModelTypeInfo);
        var readsOrganizationData = pages.Where(page => page.ModelTypeInfo!.GetConstructors()
            .Any(constructor => constructor.GetParameters().Any(p => p.ParameterType == typeof(TenantDbContext))));

        Assert.NotEmpty(readsOrganizationData);
        Assert.All(readsOrganizationData, page => Assert.True(page.EndpointMetadata.OfType<OrganizationScopedAttribute>().Any(), page.ViewEnginePath));
    }

    [Theory]
    [InlineData("/account/me")]
    [InlineData("/switcher")]
    public async Task Refuse_a_platform_page_under_another_organization_to_someone_who_is_not_its_member(string path)
    {
        var odeon = await Portal.AddOrganizationAsync($"ctx-odeon-{path.Length}");
        var vue = await Portal.AddOrganizationAsync($"ctx-vue-{path.Length}");
        await Portal.AddUserAsync($"member@ctx-{path.Length}.test", odeon);
        var client = Portal.ClientFor();
        await PortalFactory.SignInAsync(client, $"member@ctx-{path.Length}.test");

        var own = await client.GetAsync($"/o/{odeon.Slug}{path}");
        var foreign = await client.GetAsync($"/o/{vue.Slug}{path}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.DoesNotContain(vue.Name, await foreign.Content.ReadAsStringAsync());
    }

    private static List<string> Unclassified(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(endpoint => EndpointScopes.Of(endpoint) == EndpointScope.Unclassified)
            .Select(endpoint => endpoint is RouteEndpoint route
                ? $"{endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "ANY"} /{route.RoutePattern.RawText?.TrimStart('/')}"
                : endpoint.DisplayName ?? "?")
            .ToList();

    /// <summary>A report endpoint someone adds later and forgets to scope.</summary>
    private sealed class DummyEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseRouting();
            app.UseEndpoints(endpoints => endpoints.MapGet("/dummy-report", () => "organization figures"));
        };
    }
}
