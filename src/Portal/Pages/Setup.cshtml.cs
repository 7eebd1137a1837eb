using MarketEdge.Portal.Web;
using MarketEdge.Portal.Email;
using System.ComponentModel.DataAnnotations;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketEdge.Portal.Pages;

/// <summary>First run only: whoever holds the setup code creates the first super admin; then everyone is sent to sign in for good.</summary>
public sealed class SetupModel(SetupState setup, SetupCode code, SignInThrottle throttle, CatalogDbContext catalog, SuperAdminAccounts superAdmins) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await setup.IsCompleteAsync(catalog, cancellationToken) ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await setup.IsCompleteAsync(catalog, cancellationToken))
        {
            return RedirectToPage("/Account/Login");
        }

        var client = SignInThrottle.ClientOf(HttpContext);
        if (!throttle.TryBegin("setup", client))
        {
            ModelState.AddModelError("Input.SetupCode", SignInThrottle.WaitMessage);
            return Page();
        }

        if (code.Matches(Input.SetupCode))
        {
            throttle.Succeeded("setup", client);
        }
        else
        {
            ModelState.AddModelError("Input.SetupCode", "That is not this portal's setup code. It was printed when the portal started, and is in the file setup-code in its data folder.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await superAdmins.CreateFirstAsync(
            Input.Email.Trim(), Input.DisplayName.Trim(), Input.Password, cancellationToken);
        foreach (var error in outcome.Errors)
        {
            var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email";
            ModelState.AddModelError(field, error.Description);
        }

        if (outcome.Errors.Count > 0)
        {
            return Page();
        }

        code.Spend();
        this.Notify(outcome.Created
            ? "Super admin created. Sign in to continue."
            : "This portal is already set up. Sign in to continue.");
        return RedirectToPage("/Account/Login");
    }

    public sealed class SetupInput
    {
        [Required(ErrorMessage = "Enter the setup code the portal printed when it started.")]
        public string SetupCode { get; set; } = "";

        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(PortalUser.DisplayNameMaxLength, ErrorMessage = "Keep your name under {1} characters.")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your email address.")]
        [MailboxAddress]
        [StringLength(256, ErrorMessage = "Keep the email address under {1} characters.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "Use at least {2} characters (and at most {1}).")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
