using MarketEdge.Portal.Catalog;
using Microsoft.AspNetCore.Diagnostics;

namespace MarketEdge.Portal.Tenancy;

/// <summary>
/// Tries the strategies in order, looks the identifier up, and records the outcome in
/// <see cref="TenantContext"/>. Requests for an organization that cannot be entered stop here with
/// 404 (unknown), 503 (still provisioning) or 403 (suspended, archived, failed); the status-code
/// pages then explain which.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, IEnumerable<ITenantStrategy> strategies)
{
    public async Task InvokeAsync(HttpContext context, ITenantStore store, TenantContext tenant)
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            await next(context);
            return;
        }

        foreach (var strategy in strategies)
        {
            if (await strategy.GetIdentifierAsync(context) is not { } identifier)
            {
                continue;
            }

            var organization = await store.FindAsync(identifier, context.RequestAborted);
            var resolution = Classify(organization);
            tenant.Set(resolution, identifier, organization, resolvedByHost: strategy is HostStrategy);
            if (resolution != TenantResolution.Active)
            {
                context.Response.StatusCode = StatusCodeFor(resolution);
                return;
            }

            if (strategy is RouteStrategy)
            {
                RouteStrategy.Rebase(context.Request, identifier);
            }

            break;
        }

        await next(context);
    }

    private static TenantResolution Classify(TenantInfo? organization) => organization?.Status switch
    {
        null => TenantResolution.NotFound,
        OrganizationStatus.Active => TenantResolution.Active,
        OrganizationStatus.Provisioning => TenantResolution.Provisioning,
        _ => TenantResolution.Unavailable,
    };

    private static int StatusCodeFor(TenantResolution resolution) => resolution switch
    {
        TenantResolution.NotFound => StatusCodes.Status404NotFound,
        TenantResolution.Provisioning => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status403Forbidden,
    };
}
