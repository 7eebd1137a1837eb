using MarketEdge.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketEdge.Portal.Pages.Account;

/// <summary>Signing out is a POST (with its antiforgery token); GET only offers the button.</summary>
public sealed class LogoutModel(SignInManager<PortalUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["Notice"] = "You have signed out.";
        return RedirectToPage("/Account/Login");
    }
}
