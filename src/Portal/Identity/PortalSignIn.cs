using System.Security.Claims;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity.TwoFactor;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// The one way into the portal. Checking a password costs the same for an unknown address as for a known
/// one (a hash is verified either way), every failure reads the same, and repeated failures slow down per
/// account and client (<see cref="SignInThrottle"/>) instead of locking the account. Signing in records a
/// server-side session bound to where it was made; signing out ends it. An account with two-factor sign-in on
/// passes a second step (<see cref="SecondFactor"/>) unless this browser was remembered; one that must have it
/// and has not set it up gets a session that opens only the enrolment page (<see cref="EnrolmentGate"/>).
/// </summary>
public sealed class PortalSignIn(
    SignInManager<PortalUser> signIn, SignInThrottle throttle, Sessions sessions, TenantContext tenant, AuditLog audit, CatalogDbContext catalog,
    TimeProvider clock, IHttpContextAccessor http, StandInPasswordHash standIn, SecondFactor secondFactor)
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

    /// <summary>
    /// After the password was checked: signs in, or — two-factor on and this browser not remembered — keeps the
    /// half-made sign-in (a short-lived cookie of Identity's own) for the second step and returns true.
    /// </summary>
    public async Task<bool> SignInWithPasswordAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var password = new Claim(TwoFactorClaims.MethodType, TwoFactorClaims.Password);
        if (user.TwoFactorEnabled)
        {
            if (!await secondFactor.RemembersBrowserAsync(user))
            {
                // Bound to the security stamp: a password change or "sign out everywhere" voids a second step under way.
                await Http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(new ClaimsIdentity(
                    [new Claim(ClaimTypes.Name, user.Id.ToString()), new Claim(StampClaimType, await signIn.UserManager.GetSecurityStampAsync(user))],
                    IdentityConstants.TwoFactorUserIdScheme)));
                return true;
            }

            await SignInAsync(user, cancellationToken, password, new Claim(TwoFactorClaims.MethodType, TwoFactorClaims.SecondFactor));
        }
        else if (await secondFactor.RequiredBecauseAsync(user, cancellationToken) is not null)
        {
            await SignInAsync(user, cancellationToken, password, new Claim(TwoFactorClaims.MustEnrol, "true"));
        }
        else
        {
            await SignInAsync(user, cancellationToken, password);
        }

        return false;
    }

    /// <summary>The account whose password was checked and which now owes its second step; null when none is pending (or it took too long).</summary>
    public async Task<PortalUser?> PendingSecondStepAsync()
    {
        var pending = await Http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return pending.Principal?.FindFirstValue(ClaimTypes.Name) is { } userId
            && await signIn.UserManager.FindByIdAsync(userId) is { } user
            && pending.Principal.FindFirstValue(StampClaimType) is { Length: > 0 } stamp
            && stamp == await signIn.UserManager.GetSecurityStampAsync(user)
                ? user
                : null;
    }

    private string StampClaimType => signIn.Options.ClaimsIdentity.SecurityStampClaimType;

    /// <summary>
    /// Signs the same person in again here (accepting an invitation while signed in): how they signed in is kept,
    /// and an enrolment now owed by a password session (the organization joined requires two factors) is added.
    /// </summary>
    public async Task SignInAgainAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var methods = Http.User.FindAll(TwoFactorClaims.MethodType).Select(c => new Claim(c.Type, c.Value)).ToList();
        var owesEnrolment = !user.TwoFactorEnabled
            && methods.Any(m => m.Value == TwoFactorClaims.Password)
            && await secondFactor.RequiredBecauseAsync(user, cancellationToken) is not null;
        await SignInAsync(user, cancellationToken, [.. methods, .. owesEnrolment ? [new Claim(TwoFactorClaims.MustEnrol, "true")] : Array.Empty<Claim>()]);
    }

    /// <summary>Checks the second step's code for the pending account and signs it in; the refusal otherwise.</summary>
    public async Task<Refusal?> CompleteSecondStepAsync(PortalUser user, string? code, bool rememberBrowser, string field, CancellationToken cancellationToken)
    {
        if (await secondFactor.CheckAsync(user, code, field, allowRecoveryCode: true) is { } refusal)
        {
            await audit.RecordAsync("account.second-step-refused", user.Id, tenant.Organization?.Id, cancellationToken: cancellationToken);
            return refusal;
        }

        await Http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (rememberBrowser)
        {
            await signIn.RememberTwoFactorClientAsync(user);
        }

        await SignInAsync(user, cancellationToken,
            new Claim(TwoFactorClaims.MethodType, TwoFactorClaims.Password), new Claim(TwoFactorClaims.MethodType, TwoFactorClaims.SecondFactor));
        return null;
    }

    /// <summary>Signs <paramref name="user"/> in here: a new server-side session, bound to this host, and noted as their last sign-in.</summary>
    public async Task SignInAsync(PortalUser user, CancellationToken cancellationToken, params Claim[] extraClaims)
    {
        // Last writer wins, without the account's concurrency stamp: a racing request that saved the account a moment ago
        // (a counted second-step attempt) must not fail this one, nor leave a stale update behind for the next save.
        await catalog.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastSignInAt, clock.GetUtcNow()), cancellationToken);
        var sessionId = await sessions.StartAsync(user.Id, Http.Request.Host.Host, Http.Request.Headers.UserAgent.ToString(), cancellationToken);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [SessionScope.ClaimFor(tenant), new Claim(Sessions.ClaimType, sessionId.ToString()), .. extraClaims]);
        await audit.RecordAsync("account.signed-in", user.Id, tenant.Organization?.Id, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// After a password change: every other session ends at once, and this browser's cookie is issued again
    /// (new security stamp) for the same server-side session and scope. Used after every change to how the person
    /// signs in (password, two-factor): with two-factor now on, the session counts as made with it and owes no enrolment.
    /// </summary>
    public async Task KeepOnlyThisSessionAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var current = SessionId(Http.User);
        await sessions.EndAllAsync(user.Id, except: current, cancellationToken);
        var kept = Http.User.Claims.Where(SessionScope.IsKept)
            .Where(c => !(user.TwoFactorEnabled && c.Type == TwoFactorClaims.MustEnrol))
            .Where(c => !(c.Type == TwoFactorClaims.MethodType && c.Value == TwoFactorClaims.SecondFactor))
            .Select(c => new Claim(c.Type, c.Value))
            .ToList();
        if (user.TwoFactorEnabled)
        {
            kept.Add(new Claim(TwoFactorClaims.MethodType, TwoFactorClaims.SecondFactor));
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, kept);
    }

    /// <summary>Signs this person out of every browser, this one included; browsers remembered for the second step are forgotten too.</summary>
    public async Task SignOutEverywhereAsync(CancellationToken cancellationToken)
    {
        if (await signIn.UserManager.GetUserAsync(Http.User) is { } user)
        {
            await sessions.EndAllAsync(user.Id, except: null, cancellationToken);
            var forgotten = await signIn.UserManager.UpdateSecurityStampAsync(user); // what remembered browsers and second steps under way are checked against
            if (!forgotten.Succeeded)
            {
                throw new InvalidOperationException("The account changed at the same moment: its remembered browsers could not be forgotten.");
            }
        }

        await signIn.ForgetTwoFactorClientAsync();
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
