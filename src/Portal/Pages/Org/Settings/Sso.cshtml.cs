using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Sso;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MarketEdge.Portal.Pages.Org.Settings;

/// <summary>
/// <c>/settings/sso</c>: an organization's Admins (and super admins inside it) set up its own OpenID Connect
/// provider, test the connection, and may require it of the people at its verified domains. The rules are
/// <see cref="OrganizationSsoSettings"/>'s, whatever sends the request.
/// </summary>
[EnableRateLimiting(SignInLimitOptions.InvitationRateLimitPolicy)]
public sealed class SsoModel(TenantContext tenant, OrganizationSsoSettings sso) : PageModel
{
    public string OrganizationName => tenant.RequiredOrganization.Name;

    public SsoSettingsView Settings { get; private set; } = null!;

    /// <summary>What was typed, kept when refused so it can be corrected (never the secret).</summary>
    public string? Authority { get; private set; }

    public string? ClientId { get; private set; }

    public Refusal? Refusal { get; private set; }

    public ProviderCheck? Check { get; private set; }

    /// <summary>The address to register at the provider as the redirect (callback) address.</summary>
    public string CallbackUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}/signin-org-oidc";

    public string? ErrorFor(string field) => Refusal?.Field == field ? Refusal.Message : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await sso.CanManageAsync(cancellationToken) ? await ShowAsync(null, cancellationToken) : Forbid();

    public async Task<IActionResult> OnPostSaveAsync(string? authority, string? clientId, string? clientSecret, CancellationToken cancellationToken)
    {
        Authority = authority;
        ClientId = clientId;
        return await OutcomeAsync(await sso.SaveAsync(authority, clientId, clientSecret, cancellationToken), "Single sign-on saved. Test the connection next.", cancellationToken);
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        var (check, refusal) = await sso.TestAsync(cancellationToken);
        if (refusal is not null)
        {
            return await OutcomeAsync(refusal, "", cancellationToken);
        }

        Check = check;
        return await ShowAsync(null, cancellationToken);
    }

    public async Task<IActionResult> OnPostRequireAsync(bool required, CancellationToken cancellationToken) =>
        await OutcomeAsync(await sso.RequireAsync(required, cancellationToken),
            required ? "Single sign-on is now required for the verified domains." : "Passwords are allowed again.", cancellationToken);

    public async Task<IActionResult> OnPostRemoveAsync(bool confirmed, CancellationToken cancellationToken) =>
        await OutcomeAsync(await sso.RemoveAsync(confirmed, cancellationToken), "Single sign-on removed: everyone signs in with a password.", cancellationToken);

    /// <summary>Done: post/redirect/get with a notice. Refused: the page again with the message beside its field.</summary>
    private async Task<IActionResult> OutcomeAsync(Refusal? refusal, string notice, CancellationToken cancellationToken)
    {
        if (refusal is null)
        {
            this.Notify(notice);
            return RedirectToPage();
        }

        if (!await sso.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(refusal, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Refusal? refusal, CancellationToken cancellationToken)
    {
        Refusal = refusal;
        Settings = await sso.ViewAsync(cancellationToken);
        Authority ??= Settings.Authority;
        ClientId ??= Settings.ClientId;
        return Page();
    }
}
