using System.ComponentModel.DataAnnotations;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Sso;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Authentication;
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
    Microsoft.Extensions.Options.IOptionsMonitor<OidcOptions> oidc, HomeRealm realms) : PageModel
{
    public OidcOptions Sso => oidc.Get(OidcOptions.Scheme);

    /// <summary>The organization has its own provider: the page asks for the address first (home-realm discovery).</summary>
    public bool AddressFirst { get; private set; }

    /// <summary>The address was given and is not one the organization's provider signs in: the password is asked for.</summary>
    public bool PasswordStep { get; private set; }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (tenant.Organization is { } organization && await realms.ProviderAsync(organization.Id, cancellationToken) is { } provider)
        {
            AddressFirst = true;
            Web.SecurityHeadersMiddleware.AllowFormActionTo(HttpContext, provider); // "Continue" may lead there
        }
    }

    /// <summary>The address first: to the organization's provider when it is at one of its verified domains, else the password.</summary>
    public async Task<IActionResult> OnPostContinueAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.Password)}");
        if (!ModelState.IsValid || tenant.Organization is not { } organization)
        {
            return Page();
        }

        if ((await realms.ForAsync(organization.Id, Input.Email, cancellationToken)).UsesSso)
        {
            var properties = new AuthenticationProperties { RedirectUri = Url.Page("/Account/Sso", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null }) };
            properties.Items[OidcHandler.LoginHintKey] = Input.Email.Trim();
            return Challenge(properties, OidcOptions.OrganizationScheme);
        }

        PasswordStep = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        PasswordStep = true;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (tenant.Organization is { } organization && await realms.ForAsync(organization.Id, Input.Email, cancellationToken) is { Required: true } realm)
        {
            ModelState.AddModelError("", $"{organization.Name} signs in people at {realm.Domain} with its own single sign-on: use Continue with your address instead.");
            PasswordStep = false;
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
