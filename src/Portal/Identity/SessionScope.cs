using System.Security.Claims;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Authentication;
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

    /// <summary>
    /// Cookie check on every request: the session's scope must be this request's, the session must still be
    /// open on the server (signing out anywhere ends it; asked together with the caller's place here, in one
    /// round trip), then the security stamp as usual.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var expected = For(services.GetRequiredService<TenantContext>());
        if (context.Principal?.FindFirstValue(ClaimType) != expected)
        {
            context.HttpContext.Items[MismatchKey] = true;
            context.RejectPrincipal();
            return;
        }

        var sessionId = PortalSignIn.SessionId(context.Principal);
        var userId = context.Principal.UserId();
        var lastSeen = sessionId is null || userId is null
            ? null
            : await services.GetRequiredService<MemberRoles>().LoadAsync(context.Principal, sessionId.Value, userId.Value, context.HttpContext.RequestAborted);
        if (lastSeen is null && Support.SupportGrant.Of(context.Principal) is { } grant
            && await services.GetRequiredService<Support.SupportAccess>().ReturnAsync(grant, context.Principal!, sessionId!.Value, context.HttpContext.RequestAborted) is { } own)
        {
            // Support access is over (time up, switched off, or ended by the person): back to the super admin's own session.
            context.ReplacePrincipal(own);
            context.ShouldRenew = true;
            await ValidateAsync(context);
            return;
        }

        if (lastSeen is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        services.GetRequiredService<Sessions>().Seen(sessionId!.Value, lastSeen.Value);

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>A refused foreign session gets 403 rather than a sign-in page: it was not a visitor who lost their way.</summary>
    public static bool WasRefused(HttpContext context) => context.Items.ContainsKey(MismatchKey);

    /// <summary>
    /// What a session carries besides the account's own claims, kept whenever its cookie is issued again: the scope,
    /// the server-side session, how the person signed in, an enrolment still owed, and support access.
    /// </summary>
    public static bool IsKept(Claim claim) =>
        claim.Type is ClaimType or Sessions.ClaimType or TwoFactor.TwoFactorClaims.MethodType or TwoFactor.TwoFactorClaims.MustEnrol
        || Support.SupportGrant.IsItsClaim(claim);

    /// <summary>Keeps the session's own claims (<see cref="IsKept"/>) when the security stamp check rebuilds the principal.</summary>
    public static Task KeepOnRefreshAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var kept in current.Claims.Where(IsKept))
            {
                identity.AddClaim(new Claim(kept.Type, kept.Value));
            }
        }

        return Task.CompletedTask;
    }
}
