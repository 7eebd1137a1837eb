using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Sso;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Pages.Account;

/// <summary>
/// Single sign-on: POST starts it at the provider; GET (the way back) matches the provider's verified
/// email to an account — creating one only for someone with a pending invitation — and signs in here.
/// </summary>
[EnableRateLimiting(SignInLimitOptions.RateLimitPolicy)]
public sealed class SsoModel(
    IOptionsMonitor<OidcOptions> oidc, UserManager<PortalUser> users, PortalSignIn signIn, CatalogDbContext catalog, TimeProvider clock) : PageModel
{
    public string Problem { get; private set; } = "";

    public IActionResult OnPost(string? returnUrl)
    {
        if (!oidc.Get(OidcOptions.Scheme).IsConfigured)
        {
            return NotFound();
        }

        var back = Url.Page("/Account/Sso", new { returnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null });
        return Challenge(new AuthenticationProperties { RedirectUri = back }, OidcOptions.Scheme);
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        var email = external.Principal?.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value;
        if (!external.Succeeded || email is null)
        {
            return Refuse("Single sign-on did not complete. Try again, or sign in with your password.");
        }

        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            var now = clock.GetUtcNow();
            var invited = await catalog.Invitations.AnyAsync(i => i.Email.ToUpper() == email.ToUpper()
                && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken);
            if (!invited)
            {
                return Refuse($"No MarketEdge account uses {email}. Ask your organization's administrator for an invitation.");
            }

            user = new PortalUser
            {
                UserName = email, Email = email, EmailConfirmed = true,
                DisplayName = external.Principal!.FindFirst(System.Security.Claims.ClaimTypes.Name)?.Value ?? email,
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return Refuse("The account could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }

        await signIn.SignInAsync(user, cancellationToken, new System.Security.Claims.Claim("amr", "sso"));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : Url.Content("~/"));
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
