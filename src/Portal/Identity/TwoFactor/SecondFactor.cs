using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using MarketEdge.Portal.Catalog;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Identity.TwoFactor;

/// <summary>
/// Two-factor sign-in with an authenticator app (Identity's own authenticator token provider) and ten
/// single-use recovery codes. Every code is checked under the sign-in throttle (the same growing delay),
/// an app code is good once (a replay within its window is refused), and a recovery code is spent when used;
/// both are written with the account's concurrency stamp, so two requests racing with one code cannot both win.
/// Guessing is slowed twice: per account and client by the sign-in throttle, and per account from anywhere by a
/// count kept on the account itself (every portal process sees it), counted before the code is compared: after
/// ten failures in a row, 30 s, then twice as long each time, up to 15 minutes. Only someone who knows the
/// password reaches this step, so that count cannot be used by a stranger to keep the owner out.
/// Recovery codes are kept as SHA-256 hashes only.
/// </summary>
public sealed class SecondFactor(
    UserManager<PortalUser> users, IUserStore<PortalUser> store, SignInThrottle throttle, CatalogDbContext catalog,
    IOptions<TwoFactorOptions> options, IHttpContextAccessor http, TimeProvider clock)
{
    public const string WrongCode = "That code is not right. Use the newest code from your authenticator app, or one of your recovery codes.";
    public const int RecoveryCodeCount = 10;
    private const string TokenIssuer = "MarketEdge";
    private const string RecentAppCodesToken = "RecentAuthenticatorCodes";
    private const string FailuresToken = "SecondStepFailures";
    private const int FreeAccountFailures = 10;
    private static readonly TimeSpan FirstAccountDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxAccountDelay = TimeSpan.FromMinutes(15);
    private const string RecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"; // nothing that reads as another character
    private static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5); // wider than the codes Identity accepts (±2 steps of 30 s)

    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("A second factor needs a request.");

    /// <summary>Why <paramref name="user"/> must have two-factor sign-in on; null when they need not.</summary>
    public async Task<string?> RequiredBecauseAsync(PortalUser user, CancellationToken cancellationToken)
    {
        if (options.Value.SuperAdminsRequireTwoFactor && await users.IsInRoleAsync(user, PortalRoles.SuperAdmin))
        {
            return "Super admins must sign in with two factors.";
        }

        var organization = await catalog.Memberships.AsNoTracking()
            .Where(m => m.UserId == user.Id && m.Status == MembershipStatus.Active
                && m.Organization.Status == OrganizationStatus.Active && m.Organization.RequireTwoFactor)
            .OrderBy(m => m.Organization.Name)
            .Select(m => m.Organization.Name)
            .FirstOrDefaultAsync(cancellationToken);
        return organization is null ? null : $"{organization} requires two-factor sign-in of its members.";
    }

    /// <summary>The authenticator key being set up, or null when none is (or two-factor is already on).</summary>
    public async Task<string?> PendingKeyAsync(PortalUser user) =>
        user.TwoFactorEnabled || await users.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key ? null : key;

    /// <summary>
    /// Starts (or restarts) setting up: a new key, while two-factor is off only — a key in use is never replaced. The
    /// account's rows for used codes and failures are made now, so that later requests only ever update them.
    /// </summary>
    public async Task<Refusal?> StartSetupAsync(PortalUser user)
    {
        if (user.TwoFactorEnabled)
        {
            return new Refusal("Two-factor sign-in is already on.");
        }

        if (user.PasswordHash is null)
        {
            return new Refusal(PasswordSignInsOnly);
        }

        await KeyStore.SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), CancellationToken.None);
        foreach (var token in new[] { RecentAppCodesToken, FailuresToken })
        {
            if (await users.GetAuthenticationTokenAsync(user, TokenIssuer, token) is null)
            {
                await TokenStore.SetTokenAsync(user, TokenIssuer, token, "", CancellationToken.None);
            }
        }

        return Saved(await users.UpdateAsync(user));
    }

    public const string PasswordSignInsOnly =
        "Two-factor sign-in guards sign-ins with a password, and your account has none: you sign in with single sign-on, whose provider asks for its own second factor.";

    /// <summary>Turns two-factor on once the app proves it holds the key; the new recovery codes (shown once).</summary>
    public async Task<(IReadOnlyList<string>? RecoveryCodes, Refusal? Refusal)> EnableAsync(PortalUser user, string? code, string field)
    {
        if (user.TwoFactorEnabled)
        {
            return (null, new Refusal("Two-factor sign-in is already on."));
        }

        if (await PendingKeyAsync(user) is null)
        {
            return (null, new Refusal("Set up your authenticator app first.", field));
        }

        if (await CheckAsync(user, code, field, allowRecoveryCode: false) is { } refusal)
        {
            return (null, refusal);
        }

        if (Saved(await users.SetTwoFactorEnabledAsync(user, true)) is { } failed)
        {
            return (null, failed);
        }

        return await NewRecoveryCodesAsync(user);
    }

    /// <summary>Ten new recovery codes for a current app code; the old ones stop working.</summary>
    public async Task<(IReadOnlyList<string>? RecoveryCodes, Refusal? Refusal)> RenewRecoveryCodesAsync(PortalUser user, string? code, string field)
    {
        if (!user.TwoFactorEnabled)
        {
            return (null, new Refusal("Two-factor sign-in is off: there are no recovery codes to renew."));
        }

        return await CheckAsync(user, code, field, allowRecoveryCode: false) is { } refusal
            ? (null, refusal)
            : await NewRecoveryCodesAsync(user);
    }

    /// <summary>Turns two-factor off for a current app code, unless it is required of this person; key and recovery codes go.</summary>
    public async Task<Refusal?> DisableAsync(PortalUser user, string? code, string field, CancellationToken cancellationToken)
    {
        if (!user.TwoFactorEnabled)
        {
            return new Refusal("Two-factor sign-in is already off.");
        }

        if (await RequiredBecauseAsync(user, cancellationToken) is { } required)
        {
            return new Refusal($"{required} It cannot be switched off.", field);
        }

        if (await CheckAsync(user, code, field, allowRecoveryCode: false) is { } refusal)
        {
            return refusal;
        }

        user.TwoFactorEnabled = false;
        await KeyStore.SetAuthenticatorKeyAsync(user, "", cancellationToken);
        await RecoveryStore.ReplaceCodesAsync(user, [], cancellationToken);
        return Saved(await users.UpdateSecurityStampAsync(user)); // saves all three together
    }

    public Task<int> RecoveryCodesLeftAsync(PortalUser user) => users.CountRecoveryCodesAsync(user);

    /// <summary>
    /// Checks a code from the authenticator app, or (when allowed) a recovery code, which is then spent; null when
    /// good. Counted by the sign-in throttle per account and client before anything is compared.
    /// </summary>
    public async Task<Refusal?> CheckAsync(PortalUser user, string? code, string field, bool allowRecoveryCode)
    {
        var typed = Normalise(code);
        if (typed.Length == 0)
        {
            return new Refusal("Enter the code from your authenticator app.", field);
        }

        var account = $"second-factor:{user.Id:N}";
        var client = SignInThrottle.ClientOf(Http);
        if (!throttle.TryBegin(account, client))
        {
            return new Refusal(SignInThrottle.WaitMessage, field);
        }

        if (!await CountAttemptAsync(user))
        {
            return new Refusal(SignInThrottle.WaitMessage, field);
        }

        var good = IsAppCode(typed) ? await AppCodeAsync(user, typed) : allowRecoveryCode && await SpendRecoveryCodeAsync(user, typed);
        if (!good)
        {
            return new Refusal(WrongCode, field);
        }

        throttle.Succeeded(account, client);
        // Checked like every save here: lost to a racing attempt, the count stays one higher, and nothing stale is left for the next save.
        await SavedAsync(users.SetAuthenticationTokenAsync(user, TokenIssuer, FailuresToken, "0:0"));
        return null;
    }

    /// <summary>
    /// Counts an attempt against the account (as a failure until it succeeds), unless it must still wait; saved with
    /// the account's concurrency stamp, so of parallel attempts only those that were counted go on to be compared.
    /// </summary>
    private async Task<bool> CountAttemptAsync(PortalUser user)
    {
        var now = clock.GetUtcNow();
        var (failures, lastAt) = (await users.GetAuthenticationTokenAsync(user, TokenIssuer, FailuresToken))?.Split(':') is [var count, var at]
            && int.TryParse(count, out var c) && long.TryParse(at, out var a)
            ? (c, DateTimeOffset.FromUnixTimeSeconds(a))
            : (0, DateTimeOffset.MinValue);
        var delay = failures < FreeAccountFailures
            ? TimeSpan.Zero
            : TimeSpan.FromSeconds(Math.Min(FirstAccountDelay.TotalSeconds * Math.Pow(2, failures - FreeAccountFailures), MaxAccountDelay.TotalSeconds));
        if (now - lastAt < delay)
        {
            return false;
        }

        var counted = $"{failures + 1}:{now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return await SavedAsync(users.SetAuthenticationTokenAsync(user, TokenIssuer, FailuresToken, counted));
    }

    /// <summary>Whether this browser was remembered by <paramref name="user"/> since their security stamp last changed (password, "sign out everywhere").</summary>
    public async Task<bool> RemembersBrowserAsync(PortalUser user)
    {
        var remembered = await Http.AuthenticateAsync(IdentityConstants.TwoFactorRememberMeScheme);
        return remembered.Principal is { } principal
            && principal.FindFirstValue(ClaimTypes.Name) == user.Id.ToString()
            && principal.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType) is { Length: > 0 } stamp
            && stamp == await users.GetSecurityStampAsync(user);
    }

    private async Task<bool> AppCodeAsync(PortalUser user, string code)
    {
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return false;
        }

        // The codes taken within the window, "code:unix-seconds;…": each is good once.
        var now = clock.GetUtcNow();
        var recent = ((await users.GetAuthenticationTokenAsync(user, TokenIssuer, RecentAppCodesToken)) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split(':'))
            .Where(parts => parts.Length == 2 && long.TryParse(parts[1], out var at) && now - DateTimeOffset.FromUnixTimeSeconds(at) < ReplayWindow)
            .ToList();
        if (recent.Any(parts => parts[0] == code))
        {
            return false;
        }

        recent.Add([code, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        // Saved with the account's concurrency stamp: of two requests racing with one code, only one is saved.
        return await SavedAsync(users.SetAuthenticationTokenAsync(user, TokenIssuer, RecentAppCodesToken, string.Join(';', recent.Select(parts => string.Join(':', parts)))));
    }

    private Task<bool> SpendRecoveryCodeAsync(PortalUser user, string typed) =>
        SavedAsync(users.RedeemTwoFactorRecoveryCodeAsync(user, Hash(typed)));

    /// <summary>
    /// Whether Identity saved the account; when another request changed it first, the changes this request had
    /// staged are dropped, so that nothing saved later in the request (the audit trail) tries them again.
    /// </summary>
    private async Task<bool> SavedAsync(Task<IdentityResult> saving)
    {
        var result = await saving;
        if (!result.Succeeded)
        {
            catalog.ChangeTracker.Clear();
        }

        return result.Succeeded;
    }

    private async Task<(IReadOnlyList<string>? RecoveryCodes, Refusal? Refusal)> NewRecoveryCodesAsync(PortalUser user)
    {
        var codes = Enumerable.Range(0, RecoveryCodeCount)
            .Select(_ => new string(RandomNumberGenerator.GetItems<char>(RecoveryAlphabet, 10)).Insert(5, "-"))
            .ToList();
        await RecoveryStore.ReplaceCodesAsync(user, codes.Select(c => Hash(Normalise(c))), CancellationToken.None);
        return Saved(await users.UpdateAsync(user)) is { } failed ? (null, failed) : (codes, null);
    }

    private Refusal? Saved(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return null;
        }

        catalog.ChangeTracker.Clear(); // as in SavedAsync
        return new Refusal("Your account was changed at the same moment elsewhere: try again.");
    }

    private static bool IsAppCode(string typed) => typed.Length == 6 && typed.All(char.IsAsciiDigit);

    /// <summary>What was typed, without spaces and dashes, in lower case: "ABCDE-FGHJK" and "abcde fghjk" are one code.</summary>
    private static string Normalise(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToLowerInvariant).Take(64).ToArray());

    private static string Hash(string normalised) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));

    private IUserAuthenticatorKeyStore<PortalUser> KeyStore => (IUserAuthenticatorKeyStore<PortalUser>)store;

    private IUserAuthenticationTokenStore<PortalUser> TokenStore => (IUserAuthenticationTokenStore<PortalUser>)store;

    private IUserTwoFactorRecoveryCodeStore<PortalUser> RecoveryStore => (IUserTwoFactorRecoveryCodeStore<PortalUser>)store;
}
