using MarketEdge.Portal.Web;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketEdge.Portal.Pages.Account;

/// <summary>Signing out is a POST (with its antiforgery token) and ends the session on the server; GET only offers the button.</summary>
[AnswersAnywhere("Signing out works wherever the session was made.", OpenToNonMembers = true)]
public sealed class LogoutModel(PortalSignIn signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await signIn.SignOutAsync(cancellationToken);
        this.Notify("You have signed out.");
        return RedirectToPage("/Account/Login");
    }
}
