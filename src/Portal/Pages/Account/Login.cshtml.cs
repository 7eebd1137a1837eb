using System.ComponentModel.DataAnnotations;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MarketEdge.Portal.Pages.Account;

/// <summary>Sign-in with a local account. The cookie is host-only, so each (sub)domain signs in on its own.</summary>
[EnableRateLimiting(SignInLimitOptions.RateLimitPolicy)]
public sealed class LoginModel(SignInManager<PortalUser> signIn, AuditLog audit) : PageModel
{
    public const string WrongCredentials = "That email and password do not match an account.";

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

        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);

        if (result.Succeeded)
        {
            await audit.RecordAsync("account.signed-in", actorUserId: user!.Id, cancellationToken: cancellationToken);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Url.Content("~/"));
        }

        if (result.IsLockedOut)
        {
            await audit.RecordAsync("account.locked-out", actorUserId: user?.Id, cancellationToken: cancellationToken);
            ModelState.AddModelError("", "Too many failed attempts: this account is locked for 15 minutes.");
        }
        else
        {
            ModelState.AddModelError("", WrongCredentials);
        }

        return Page();
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";
    }
}
