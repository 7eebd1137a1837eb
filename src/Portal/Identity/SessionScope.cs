using System.Security.Claims;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// Binds a session to where it was signed in: an organization's subdomain, or the platform (the root
/// host, where one session reaches every organization the person belongs to). A session presented
/// anywhere else is refused, so a cookie lifted from one organization's subdomain opens nothing on another's.
/// </summary>
public static class SessionScope
{
    public const string ClaimType = "marketedge:session";
    public const string Platform = "platform";
    private const string MismatchKey = "marketedge:session-mismatch";

    /// <summary>The scope a sign-in in this request gets, and the one a session must have to be accepted here.</summary>
    public static string For(TenantContext tenant) =>
        tenant is { ResolvedByHost: true, Organization: { } organization } ? organization.Id.ToString("N") : Platform;

    public static Claim ClaimFor(TenantContext tenant) => new(ClaimType, For(tenant));

    /// <summary>Cookie check on every request: the session's scope must be this request's, then the security stamp as usual.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var expected = For(context.HttpContext.RequestServices.GetRequiredService<TenantContext>());
        if (context.Principal?.FindFirstValue(ClaimType) != expected)
        {
            context.HttpContext.Items[MismatchKey] = true;
            context.RejectPrincipal();
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>A refused foreign session gets 403 rather than a sign-in page: it was not a visitor who lost their way.</summary>
    public static bool WasRefused(HttpContext context) => context.Items.ContainsKey(MismatchKey);

    /// <summary>Keeps the scope when the security stamp check rebuilds the principal.</summary>
    public static Task KeepOnRefreshAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(ClaimType) is { } scope && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(ClaimType, scope.Value));
        }

        return Task.CompletedTask;
    }
}
