using Microsoft.AspNetCore.Routing.Matching;

namespace MarketEdge.Portal.Tenancy;

/// <summary>
/// Lets organization pages and platform pages share paths (both have a "/"): an endpoint marked
/// <see cref="OrganizationScopedAttribute"/> matches only when an organization was resolved, one
/// marked <see cref="PlatformScopedAttribute"/> only when none was. Everything else matches anywhere.
/// </summary>
public sealed class TenantScopeMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => IsOrganizationScoped(e) || IsPlatformScoped(e));

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var inOrganization = httpContext.RequestServices.GetRequiredService<TenantContext>().Organization is not null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var endpoint = candidates[i].Endpoint;
            if ((IsOrganizationScoped(endpoint) && !inOrganization) || (IsPlatformScoped(endpoint) && inOrganization))
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }

    public static bool IsOrganizationScoped(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<OrganizationScopedAttribute>() is not null;

    private static bool IsPlatformScoped(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<PlatformScopedAttribute>() is not null;
}
