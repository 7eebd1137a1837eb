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

    /// <summary>The password was right and the account has two-factor sign-in on: the code is asked for.</summary>
    [BindProperty(SupportsGet = true)]
    public bool SecondStep { get; set; }

    /// <summary>Why the second step's code was refused, shown beside its field.</summary>
    public string? CodeError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (SecondStep && await portalSignIn.PendingSecondStepAsync() is null)
        {
            SecondStep = false; // nothing pending (or it took too long): sign in from the start
        }

        await OfferOrganizationSsoAsync(cancellationToken);
    }

    private async Task OfferOrganizationSsoAsync(CancellationToken cancellationToken)
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
        await OfferOrganizationSsoAsync(cancellationToken);
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
        await OfferOrganizationSsoAsync(cancellationToken);
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

        if (await portalSignIn.SignInWithPasswordAsync(user!, cancellationToken))
        {
            return RedirectToPage(new { secondStep = true, returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        }

        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl!) : await LandingAsync(user!, cancellationToken);
    }

    /// <summary>The second step: a code from the authenticator app or a recovery code, for the account whose password was just checked.</summary>
    public async Task<IActionResult> OnPostSecondStepAsync(string? code, bool rememberBrowser, CancellationToken cancellationToken)
    {
        ModelState.Clear(); // the password form's fields are not posted here
        if (await portalSignIn.PendingSecondStepAsync() is not { } user)
        {
            ModelState.AddModelError("", "Signing in took too long: enter your email and password again.");
            SecondStep = false;
            await OfferOrganizationSsoAsync(cancellationToken);
            return Page();
        }

        if (await portalSignIn.CompleteSecondStepAsync(user, code, rememberBrowser, "code", cancellationToken) is { } refusal)
        {
            SecondStep = true;
            CodeError = refusal.Message;
            return Page();
        }

        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl!) : await LandingAsync(user, cancellationToken);
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
