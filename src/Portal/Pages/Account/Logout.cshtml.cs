using MarketEdge.Portal.Web;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketEdge.Portal.Pages.Account;

/// <summary>
/// Signing out is a POST (with its antiforgery token) and ends the session on the server; GET only offers the button.
/// During support access it is the banner's Stop: back to the super admin's own session, on the organization's admin page.
/// </summary>
[AnswersAnywhere("Signing out works wherever the session was made.", OpenToNonMembers = true)]
[DuringSupportAccess(open: true)]
public sealed class LogoutModel(PortalSignIn signIn, SupportAccess support) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (SupportGrant.Of(User) is { } grant)
        {
            if (await support.StopAsync(grant, cancellationToken))
            {
                this.Notify("You have stopped viewing as them.");
                return Redirect($"/admin/organizations/{grant.OrganizationSlug}");
            }

            this.Notify("You have stopped viewing as them; your own session had ended, so sign in again.");
            return RedirectToPage("/Account/Login");
        }

        await signIn.SignOutAsync(cancellationToken);
        this.Notify("You have signed out.");
        return RedirectToPage("/Account/Login");
    }
}
