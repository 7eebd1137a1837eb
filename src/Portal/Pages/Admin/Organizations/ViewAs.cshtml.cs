using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages.Admin.Organizations;

/// <summary>A super admin starts support access: the member, the reason (required), and what it allows, then "View as".</summary>
public sealed class ViewAsModel(CatalogDbContext catalog, SupportAccess support) : PageModel
{
    public Organization Organization { get; private set; } = null!;

    public SupportCandidate Person { get; private set; } = null!;

    /// <summary>Why support access cannot start (switched off, a super admin, …); the form is not offered.</summary>
    public string? Refused { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string? ReasonError { get; private set; }

    public static int Minutes => (int)SupportAccess.Lasts.TotalMinutes;

    public async Task<IActionResult> OnGetAsync(string slug, Guid userId, CancellationToken cancellationToken) =>
        await LoadAsync(slug, userId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, Guid userId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, userId, cancellationToken))
        {
            return NotFound();
        }

        if (await support.StartAsync(Organization, userId, Reason, cancellationToken) is not { } refusal)
        {
            return Redirect($"/o/{Organization.Slug}/");
        }

        if (refusal.NotFound)
        {
            return NotFound();
        }

        (ReasonError, Refused) = refusal.Field is null ? (null, refusal.Message) : (refusal.Message, Refused);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, Guid userId, CancellationToken cancellationToken)
    {
        if (await catalog.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug, cancellationToken) is not { } organization)
        {
            return false;
        }

        Organization = organization;
        var (person, refusal) = await support.CandidateAsync(organization, userId, cancellationToken);
        if (person is null)
        {
            return false;
        }

        Person = person;
        Refused = refusal?.Message;
        return true;
    }
}
