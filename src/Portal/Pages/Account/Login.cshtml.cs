using System.ComponentModel.DataAnnotations;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MarketEdge.Portal.Pages.Account;

/// <summary>
/// Sign-in with a local account. The session is bound to where it was made (an organization's
/// subdomain, or the root host) and the host-only cookie keeps each subdomain's sign-in its own.
/// </summary>
[EnableRateLimiting(SignInLimitOptions.RateLimitPolicy)]
[AnswersAnywhere("Sign-in happens on the platform and on each organization's subdomain or route.", OpenToNonMembers = true)]
public sealed class LoginModel(
    PortalSignIn portalSignIn, SignInManager<PortalUser> signIn, TenantContext tenant, OrganizationSwitcher switcher,
    Microsoft.Extensions.Options.IOptionsMonitor<Identity.Sso.OidcOptions> oidc) : PageModel
{
    public Identity.Sso.OidcOptions Sso => oidc.Get(Identity.Sso.OidcOptions.Scheme);

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (user, refusal) = await portalSignIn.CheckPasswordAsync(Input.Email.Trim(), Input.Password);
        if (refusal is not null)
        {
            ModelState.AddModelError("", refusal.Message);
            return Page();
        }

        await portalSignIn.SignInAsync(user!, cancellationToken);
        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl!) : await LandingAsync(user!, cancellationToken);
    }

    /// <summary>On a subdomain: its home. On the root host: the admin home, else the organization last used (or the only one), else the list.</summary>
    private async Task<IActionResult> LandingAsync(PortalUser user, CancellationToken cancellationToken)
    {
        if (tenant.Organization is not null)
        {
            return LocalRedirect(Url.Content("~/"));
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        if (principal.IsInRole(PortalRoles.SuperAdmin))
        {
            return RedirectToPage("/Admin/Index");
        }

        return await switcher.LandingAsync(principal, cancellationToken) is { } landing
            ? Redirect(switcher.HomeUrl(Request, landing.Slug))
            : LocalRedirect(Url.Content("~/"));
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")] // lenient: an account made by older rules still signs in
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";
    }
}
