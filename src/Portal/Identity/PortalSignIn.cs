using System.Security.Claims;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// The one way into the portal. Checking a password costs the same for an unknown address as for a known
/// one (a hash is verified either way), every failure reads the same, and repeated failures slow down per
/// account and client (<see cref="SignInThrottle"/>) instead of locking the account. Signing in records a
/// server-side session bound to where it was made; signing out ends it.
/// </summary>
public sealed class PortalSignIn(
    SignInManager<PortalUser> signIn, SignInThrottle throttle, Sessions sessions, TenantContext tenant, AuditLog audit,
    TimeProvider clock, IHttpContextAccessor http, StandInPasswordHash standIn)
{
    /// <summary>The one answer to every failed sign-in: wrong address, wrong password, or too many tries (which must not tell which).</summary>
    public const string WrongCredentials = "That email and password do not match an account. After several failed tries, wait a little before the next one.";

    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("Signing in needs a request.");

    private string Client => SignInThrottle.ClientOf(Http);

    /// <summary>The account <paramref name="email"/> and <paramref name="password"/> open, or one refusal for every kind of failure.</summary>
    public async Task<(PortalUser? User, Refusal? Refusal)> CheckPasswordAsync(string email, string password)
    {
        if (!throttle.TryBegin(email, Client))
        {
            return (null, new Refusal(WrongCredentials));
        }

        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (!await PasswordMatchesAsync(user, password))
        {
            return (null, new Refusal(WrongCredentials));
        }

        throttle.Succeeded(email, Client);
        return (user, null);
    }

    /// <summary>Checks a known account's password under the same throttle (accepting an invitation, changing the password).</summary>
    public async Task<Refusal?> VerifyPasswordAsync(PortalUser user, string password, string field)
    {
        var account = user.Email ?? user.Id.ToString();
        if (!throttle.TryBegin(account, Client))
        {
            return new Refusal(SignInThrottle.WaitMessage, field);
        }

        if (!await PasswordMatchesAsync(user, password))
        {
            return new Refusal("That is not this account's password.", field);
        }

        throttle.Succeeded(account, Client);
        return null;
    }

    /// <summary>Always verifies a hash — the account's, or a stand-in for no account or one without a password — so timing tells nothing.</summary>
    private async Task<bool> PasswordMatchesAsync(PortalUser? user, string password)
    {
        if (user?.PasswordHash is null)
        {
            var hasher = signIn.UserManager.PasswordHasher;
            hasher.VerifyHashedPassword(new PortalUser(), standIn.MadeBy(hasher), password);
            return false;
        }

        return await signIn.UserManager.CheckPasswordAsync(user, password);
    }

    /// <summary>Signs <paramref name="user"/> in here: a new server-side session, bound to this host, and noted as their last sign-in.</summary>
    public async Task SignInAsync(PortalUser user, CancellationToken cancellationToken, params Claim[] extraClaims)
    {
        var now = clock.GetUtcNow();
        user.LastSignInAt = now;
        await signIn.UserManager.UpdateAsync(user);
        var sessionId = await sessions.StartAsync(user.Id, Http.Request.Host.Host, Http.Request.Headers.UserAgent.ToString(), cancellationToken);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [SessionScope.ClaimFor(tenant), new Claim(Sessions.ClaimType, sessionId.ToString()), .. extraClaims]);
        await audit.RecordAsync("account.signed-in", user.Id, tenant.Organization?.Id, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// After a password change: every other session ends at once, and this browser's cookie is issued again
    /// (new security stamp) for the same server-side session and scope.
    /// </summary>
    public async Task KeepOnlyThisSessionAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var current = SessionId(Http.User);
        await sessions.EndAllAsync(user.Id, except: current, cancellationToken);
        var kept = Http.User.Claims.Where(c => c.Type is SessionScope.ClaimType or Sessions.ClaimType or "amr").Select(c => new Claim(c.Type, c.Value));
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, kept);
    }

    /// <summary>Signs this person out of every browser, this one included.</summary>
    public async Task SignOutEverywhereAsync(CancellationToken cancellationToken)
    {
        if (Http.User.UserId() is { } userId)
        {
            await sessions.EndAllAsync(userId, except: null, cancellationToken);
        }

        await signIn.SignOutAsync();
    }

    /// <summary>Ends this browser's session on the server, then drops its cookie.</summary>
    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        if (SessionId(Http.User) is { } sessionId && Http.User.UserId() is { } userId)
        {
            await sessions.EndAsync(sessionId, userId, cancellationToken);
        }

        await signIn.SignOutAsync();
    }

    public static Guid? SessionId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Sessions.ClaimType), out var id) ? id : null;
}
