using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Routing.Matching;

namespace MarketEdge.Portal.Setup;

public static class TenancySetup
{
    /// <summary>Host strategy first, then route; the catalog store; the per-request tenant context.</summary>
    public static void AddTenancy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TenancyOptions>().BindConfiguration("Tenancy").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ITenantStrategy, HostStrategy>();
        builder.Services.AddSingleton<ITenantStrategy, RouteStrategy>();
        builder.Services.AddScoped<ITenantStore, CatalogTenantStore>();
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddSingleton<MatcherPolicy, TenantScopeMatcherPolicy>();
    }
}
