using MarketEdge.Portal.Tenancy;

namespace MarketEdge.Portal.Identity.Support;

/// <summary>
/// Endpoint metadata: whether the endpoint opens during support access, where its scope's rule does not fit —
/// open: signing out (the banner's Stop) and the error page; closed: an organization's settings (how its members sign in).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DuringSupportAccessAttribute(bool open) : Attribute
{
    public bool Open { get; } = open;
}

/// <summary>
/// While a super admin views as someone (<see cref="SupportGrant"/>), only the organization it was granted for opens,
/// and there only its own pages (<see cref="OrganizationScopedAttribute"/>) but its settings: every other endpoint — the
/// person's own account, sign-in, invitations, the switcher, other organizations, anything added later — answers 403,
/// except what is marked open (<see cref="DuringSupportAccessAttribute"/>). Platform pages lead back to the organization.
/// </summary>
public sealed class SupportAccessGate(RequestDelegate next)
{
    private const string RefusedKey = "marketedge:support-refused";

    /// <summary>Whether this request was refused because it is support access (the error page says so).</summary>
    public static bool Refused(HttpContext context) => context.Items.ContainsKey(RefusedKey);

    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (SupportGrant.Of(context.User) is not { } grant
            || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null) // the error page explaining a refusal
        {
            return next(context);
        }

        var endpoint = context.GetEndpoint();
        var open = endpoint?.Metadata.GetMetadata<DuringSupportAccessAttribute>()?.Open
            ?? (endpoint is not null && EndpointScopes.Of(endpoint) == EndpointScope.Organization && tenant.Organization?.Id == grant.OrganizationId);
        if (open)
        {
            return next(context);
        }

        if (tenant.Organization is null && endpoint is not null && EndpointScopes.Of(endpoint) == EndpointScope.Platform
            && HttpMethods.IsGet(context.Request.Method) && !context.Request.Headers.ContainsKey("HX-Request"))
        {
            context.Response.Redirect($"/o/{grant.OrganizationSlug}/");
            return Task.CompletedTask;
        }

        context.Items[RefusedKey] = true;
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
