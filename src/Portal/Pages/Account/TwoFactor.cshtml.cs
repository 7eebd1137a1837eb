using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.TwoFactor;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MarketEdge.Portal.Pages.Account;

/// <summary>
/// <c>/account/two-factor</c>: set up an authenticator app (scan, confirm with a code, keep ten recovery codes),
/// renew the recovery codes, or switch two-factor off — each change of how one signs in asks for a current code
/// and signs out the person's other sessions. Someone who must have it and has not set it up can open nothing else.
/// </summary>
[Authorize]
[EnableRateLimiting(SignInLimitOptions.RateLimitPolicy)]
[AnswersAnywhere("My own sign-in: a session that owes its enrolment must reach it wherever it was made.", OpenToNonMembers = true)]
public sealed class TwoFactorModel(UserManager<PortalUser> users, SecondFactor secondFactor, PortalSignIn signIn, AuditLog audit) : PageModel
{
    public const string CodeField = "code";
    public const string PasswordField = "password";

    public bool Enabled { get; private set; }

    /// <summary>The key being set up (two-factor still off), shown as a QR code and as text.</summary>
    public string? PendingKey { get; private set; }

    public string? QrCode { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Just made: shown this once, never again.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    /// <summary>Why this person must have two-factor on, if they must.</summary>
    public string? RequiredBecause { get; private set; }

    public Refusal? Refusal { get; private set; }

    public string? ErrorFor(string field) => Refusal?.Field == field ? Refusal.Message : null;

    /// <summary>The recovery codes as a text file to download (a data: address: nothing is kept on the server to serve it).</summary>
    public string RecoveryCodesFile => "data:text/plain;charset=utf-8," + Uri.EscapeDataString(
        $"MarketEdge recovery codes for {User.Identity?.Name}\nEach code signs you in once, in place of a code from your app.\n\n"
        + string.Join('\n', NewRecoveryCodes ?? []) + "\n");

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(await CurrentAsync(), cancellationToken);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentAsync();
        return await OutcomeAsync(user, await secondFactor.StartSetupAsync(user), null, cancellationToken);
    }

    /// <summary>Switching on needs the password as well as the code: a borrowed session must not bind the account to someone else's app.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string? code, string? password, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync();
        if (await signIn.VerifyPasswordAsync(user, password ?? "", PasswordField) is { } wrongPassword)
        {
            return await OutcomeAsync(user, wrongPassword, null, cancellationToken);
        }

        var (codes, refusal) = await secondFactor.EnableAsync(user, code, CodeField);
        if (refusal is null)
        {
            await signIn.KeepOnlyThisSessionAsync(user, cancellationToken);
            await audit.RecordAsync("account.two-factor-enabled", user.Id, cancellationToken: cancellationToken);
        }

        return await ShowCodesAsync(user, codes, refusal, "Two-factor sign-in is on. Your other sessions have been signed out.", cancellationToken);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(string? code, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync();
        var (codes, refusal) = await secondFactor.RenewRecoveryCodesAsync(user, code, CodeField);
        if (refusal is null)
        {
            await audit.RecordAsync("account.recovery-codes-renewed", user.Id, cancellationToken: cancellationToken);
        }

        return await ShowCodesAsync(user, codes, refusal, "New recovery codes made: the old ones no longer work.", cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync(string? code, CancellationToken cancellationToken)
    {
        var user = await CurrentAsync();
        var refusal = await secondFactor.DisableAsync(user, code, CodeField, cancellationToken);
        if (refusal is null)
        {
            await signIn.KeepOnlyThisSessionAsync(user, cancellationToken);
            await audit.RecordAsync("account.two-factor-disabled", user.Id, cancellationToken: cancellationToken);
        }

        return await OutcomeAsync(user, refusal, "Two-factor sign-in is off. Your other sessions have been signed out.", cancellationToken);
    }

    /// <summary>The recovery codes are shown in this response only (a reload does not bring them back).</summary>
    private async Task<IActionResult> ShowCodesAsync(
        PortalUser user, IReadOnlyList<string>? codes, Refusal? refusal, string notice, CancellationToken cancellationToken)
    {
        if (refusal is not null)
        {
            return await OutcomeAsync(user, refusal, null, cancellationToken);
        }

        await LoadAsync(user, cancellationToken);
        NewRecoveryCodes = codes;
        this.Notify(notice); // read by this very response's layout, so it does not follow to the next page
        return Page();
    }

    /// <summary>Done: post/redirect/get with a notice. Refused: the page again with the message beside its field.</summary>
    private async Task<IActionResult> OutcomeAsync(PortalUser user, Refusal? refusal, string? notice, CancellationToken cancellationToken)
    {
        if (refusal is null)
        {
            if (notice is not null)
            {
                this.Notify(notice);
            }

            return RedirectToPage();
        }

        Refusal = refusal;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(user, cancellationToken);
        return Page();
    }

    private async Task<PortalUser> CurrentAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in session names an account that exists.");

    private async Task LoadAsync(PortalUser user, CancellationToken cancellationToken)
    {
        Enabled = user.TwoFactorEnabled;
        PendingKey = await secondFactor.PendingKeyAsync(user);
        QrCode = PendingKey is null ? null : AuthenticatorQrCode.PngDataUrl(AuthenticatorQrCode.UriFor(user.Email ?? "", PendingKey));
        RecoveryCodesLeft = Enabled ? await secondFactor.RecoveryCodesLeftAsync(user) : 0;
        RequiredBecause = await secondFactor.RequiredBecauseAsync(user, cancellationToken);
    }
}
