using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Pages.Shared;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketEdge.Portal.Pages;

/// <summary>
/// The organization switcher: /switcher lists (and, for htmx, searches) the organizations this person
/// may enter; /switcher/{slug} remembers the choice and goes to its home.
/// </summary>
[Authorize]
[AnswersAnywhere("The organization switcher is in every page's header.")]
public sealed class SwitcherModel(OrganizationSwitcher switcher, TenantContext tenant) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public SwitcherChoicesModel Choices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken cancellationToken)
    {
        if (slug is not null)
        {
            var choice = await switcher.FindAsync(User, slug, cancellationToken);
            if (choice is null)
            {
                return NotFound(); // not an organization this person may enter, or not open
            }

            await switcher.RememberChoiceAsync(User.UserId()!.Value, choice.Id, cancellationToken);
            return Redirect(switcher.HomeUrl(Request, choice.Slug));
        }

        // An htmx request comes from the header's search box, whose listbox this list is; the page's own list
        // sits beside the header's, so its ids differ.
        var fromHeader = Request.IsHtmx();
        Choices = new SwitcherChoicesModel(await switcher.ChoicesAsync(User, Query, cancellationToken), tenant.Organization?.Slug,
            Listbox: fromHeader, Id: fromHeader ? "switcher" : "switcher-page");
        Response.VaryOnHtmx();
        return Request.IsHtmx() ? Partial("_SwitcherChoices", Choices) : Page();
    }
}
