using System.Collections.Concurrent;
using System.Net;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using MarketEdge.Portal.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MarketEdge.Portal.Tests.TenantData;

/// <summary>Asks, inside real requests, which database the request's own TenantDbContext is connected to.</summary>
public sealed class RequestDatabaseShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Be_the_resolved_organizations_own_database_by_subdomain_and_by_route()
    {
        var odeon = await fixture.Portal.AddOrganizationAsync("db-odeon");
        var vue = await fixture.Portal.AddOrganizationAsync("db-vue");
        var seen = new ConcurrentDictionary<string, string>();
        await using var probed = fixture.Portal.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new CurrentDatabaseProbe(seen))));

        foreach (var (host, path) in new[] { ("db-odeon.localhost", "/"), ("localhost", "/o/db-odeon/"), ("db-vue.localhost", "/") })
        {
            var client = probed.CreateClient(new() { BaseAddress = new Uri($"http://{host}/"), AllowAutoRedirect = false });
            await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        Assert.Equal($"org_{odeon.Id:N}", seen["db-odeon.localhost /"]);
        Assert.Equal($"org_{odeon.Id:N}", seen["localhost /o/db-odeon/"]);
        Assert.Equal($"org_{vue.Id:N}", seen["db-vue.localhost /"]);
    }

    /// <summary>After each organization request, runs SELECT current_database() on that request's own TenantDbContext.</summary>
    private sealed class CurrentDatabaseProbe(ConcurrentDictionary<string, string> seen) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var asked = $"{context.Request.Host.Host} {context.Request.PathBase}{context.Request.Path}";
                await nextMiddleware(context);
                if (context.RequestServices.GetRequiredService<TenantContext>().Organization is not null)
                {
                    var tenantDb = context.RequestServices.GetRequiredService<TenantDbContext>();
                    seen[asked] = await tenantDb.Database.SqlQueryRaw<string>("SELECT current_database() AS \"Value\"").SingleAsync();
                }
            });
            next(app);
        };
    }
}
