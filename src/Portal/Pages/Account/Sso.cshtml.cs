using MarketEdge.Portal.Tenancy;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Domains;
using MarketEdge.Portal.Identity.Sso;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Pages.Account;

/// <summary>
/// Single sign-on: POST starts it at the provider; GET is the way back. An account is reached by the
/// provider's issuer and subject only. The first time, the person links it: by entering the password of
/// the local account with that email once, or — with no account yet — by having a pending invitation, which
/// creates the account already linked. Super admins only when Authentication:Oidc:AllowSuperAdmins is true.
/// Through an organization's own provider (<see cref="OidcOptions.OrganizationScheme"/>): only on that organization's
/// host or route, only for an address at one of its verified domains; an account may also be made there when the
/// domain lets people join at once (and they join); the session remembers it was made by that provider.
/// </summary>
[EnableRateLimiting(SignInLimitOptions.RateLimitPolicy)]
[AnswersAnywhere("Single sign-on returns to the host it started from.", OpenToNonMembers = true)]
public sealed class SsoModel(
    IOptionsMonitor<OidcOptions> oidc, UserManager<PortalUser> users, PortalSignIn signIn, CatalogDbContext catalog, TimeProvider clock,
    TenantContext tenant, HomeRealm realms, Joining joining, Identity.Invitations invitations) : PageModel
{
    public string Problem { get; private set; } = "";

    /// <summary>The provider's email for an account that is not linked yet: the person proves it with its password.</summary>
    public string? LinkEmail { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter your MarketEdge password.")]
    public string? Password { get; set; }

    private OidcOptions Sso => oidc.Get(OidcOptions.Scheme);

    public IActionResult OnPost()
    {
        if (!Sso.IsConfigured)
        {
            return NotFound();
        }

        var back = Url.Page("/Account/Sso", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        return Challenge(new AuthenticationProperties { RedirectUri = back }, OidcOptions.Scheme);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await ExternalAsync() is not { } external)
        {
            return await RefuseAsync("Single sign-on did not complete. Try again, or sign in with your password.");
        }

        var (realm, problem) = await RealmAsync(external, cancellationToken);
        if (problem is not null)
        {
            return await RefuseAsync(problem);
        }

        if (await users.FindByLoginAsync(external.Issuer, external.Subject) is { } linked)
        {
            return await SignInLinkedAsync(linked, cancellationToken);
        }

        if (await users.FindByEmailAsync(external.Email) is { } unlinked)
        {
            if (!await MaySignInAsync(unlinked))
            {
                return await RefuseAsync(SuperAdminsUsePassword);
            }

            if (external.OrganizationId is null && unlinked.PasswordHash is null && (await users.GetLoginsAsync(unlinked)).Count == 0)
            {
                // Made by single sign-on before accounts were linked: it has no password to prove, and single
                // sign-on is how it has always been reached. Linked now, once, to this issuer and subject.
                await users.AddLoginAsync(unlinked, new UserLoginInfo(external.Issuer, external.Subject, Sso.DisplayName));
                return await SignInLinkedAsync(unlinked, cancellationToken);
            }

            LinkEmail = external.Email; // proves the account with its password once, then the link does
            return Page();
        }

        var now = clock.GetUtcNow();
        var invitation = await catalog.Invitations.FirstOrDefaultAsync(i => i.Email.ToUpper() == external.Email.ToUpper()
            && (external.OrganizationId == null || i.OrganizationId == external.OrganizationId) // an organization's provider speaks for its own invitations only
            && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken);
        var invited = invitation is not null;
        var joinsAtOnce = realm is not null && await catalog.OrganizationDomains.AnyAsync(d => d.OrganizationId == external.OrganizationId
            && d.VerifiedAt != null && d.Domain == realm.Domain && d.JoinPolicy == JoinPolicy.Automatic, cancellationToken);
        if (!invited && !joinsAtOnce)
        {
            return await RefuseAsync("No MarketEdge account is linked to this single sign-on account. Ask your organization's administrator for an invitation.");
        }

        var user = new PortalUser { UserName = external.Email, Email = external.Email, EmailConfirmed = true, DisplayName = external.Name };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return await RefuseAsync("The account could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddLoginAsync(user, new UserLoginInfo(external.Issuer, external.Subject, Sso.DisplayName));
        if (realm is not null && invitation is not null)
        {
            // The organization invited this address and its own provider vouches for it: the invitation is accepted.
            await invitations.AcceptAsync(invitation, user, newcomer: null, cancellationToken);
        }
        else if (joinsAtOnce)
        {
            await joining.JoinAsync(user.Id, external.OrganizationId!.Value, cancellationToken);
        }

        return await SignInLinkedAsync(user, cancellationToken);
    }

    /// <summary>Links the provider's account to the local one whose password is given, then signs in.</summary>
    public async Task<IActionResult> OnPostLinkAsync(CancellationToken cancellationToken)
    {
        if (await ExternalAsync() is not { } external || await users.FindByEmailAsync(external.Email) is not { } user)
        {
            return await RefuseAsync("Single sign-on did not complete. Try again, or sign in with your password.");
        }

        if ((await RealmAsync(external, cancellationToken)).Problem is { } problem)
        {
            return await RefuseAsync(problem);
        }

        LinkEmail = external.Email;
        if (!await MaySignInAsync(user))
        {
            return await RefuseAsync(SuperAdminsUsePassword);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await signIn.VerifyPasswordAsync(user, Password!, nameof(Password)) is { } wrong)
        {
            ModelState.AddModelError(nameof(Password), wrong.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (user.TwoFactorEnabled)
        {
            // A link would be a way in without the second factor: the password alone cannot make one.
            return await RefuseAsync("This account uses two-factor sign-in, so a password alone cannot link single sign-on to it. Sign in with your password and code instead.");
        }

        var added = await users.AddLoginAsync(user, new UserLoginInfo(external.Issuer, external.Subject, Sso.DisplayName));
        if (!added.Succeeded)
        {
            return await RefuseAsync("This single sign-on account is already linked to another MarketEdge account.");
        }

        return await SignInLinkedAsync(user, cancellationToken);
    }

    /// <summary>Through an organization's own provider: only on its host or route, only for an address at one of its verified domains.</summary>
    private async Task<(Realm? Realm, string? Problem)> RealmAsync(ExternalAccount external, CancellationToken cancellationToken)
    {
        if (external.OrganizationId is not { } organizationId)
        {
            return (null, null);
        }

        if (tenant.Organization?.Id != organizationId)
        {
            return (null, "Single sign-on did not complete. Try again, or sign in with your password.");
        }

        var realm = await realms.ForAsync(organizationId, external.Email, cancellationToken);
        return realm.UsesSso ? (realm, null) : (null, $"{tenant.Organization.Name}'s sign-in is only for people with an address at its verified domains.");
    }

    private const string SuperAdminsUsePassword = "Super admins sign in with their password: single sign-on is switched off for them.";

    /// <summary>Super admins only through the platform's provider, and only when settings allow it; never through an organization's.</summary>
    private async Task<bool> MaySignInAsync(PortalUser user) =>
        !await users.IsInRoleAsync(user, PortalRoles.SuperAdmin) || (Sso.AllowSuperAdmins && (await ExternalAsync())?.OrganizationId is null);

    private async Task<IActionResult> SignInLinkedAsync(PortalUser user, CancellationToken cancellationToken)
    {
        if (!await MaySignInAsync(user))
        {
            return await RefuseAsync(SuperAdminsUsePassword);
        }

        var organizationId = (await ExternalAsync())?.OrganizationId;
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        await signIn.SignInAsync(user, cancellationToken, organizationId is { } through
            ? [new Claim("amr", "sso"), new Claim("amr", SsoClaims.OrganizationMethod(through))]
            : [new Claim("amr", "sso")]);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Url.Content("~/"));
    }

    private sealed record ExternalAccount(string Issuer, string Subject, string Email, string Name, Guid? OrganizationId);

    private async Task<ExternalAccount?> ExternalAsync()
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        var principal = external.Principal;
        return external.Succeeded
            && principal?.FindFirstValue(SsoClaims.Issuer) is { } issuer
            && principal.FindFirstValue(SsoClaims.Subject) is { } subject
            && principal.FindFirstValue(ClaimTypes.Email) is { } email
            ? new ExternalAccount(issuer, subject, email, principal.FindFirstValue(ClaimTypes.Name) ?? email,
                Guid.TryParse(principal.FindFirstValue(SsoClaims.Organization), out var organizationId) ? organizationId : null)
            : null;
    }

    private async Task<PageResult> RefuseAsync(string problem)
    {
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme); // nothing of the refused sign-in is kept for another try
        Problem = problem;
        LinkEmail = null;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
