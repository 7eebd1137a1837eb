using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Domains;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages;

/// <summary>
/// The platform home: a welcome for visitors, the way in for members, and the organizations a signed-in person
/// may join (or ask to) by their proven address; super admins go to the admin home.
/// </summary>
[EnableRateLimiting(SignInLimitOptions.InvitationRateLimitPolicy)]
public sealed class IndexModel(CatalogDbContext catalog, Joining joining) : PageModel
{
    public bool SignedIn { get; private set; }

    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    public IReadOnlyList<JoinOffer> Offers { get; private set; } = [];

    public Refusal? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.IsInRole(PortalRoles.SuperAdmin))
        {
            return RedirectToPage("/Admin/Index");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostJoinAsync(Guid organizationId, CancellationToken cancellationToken) =>
        ActAsync(userId => joining.JoinAsync(userId, organizationId, cancellationToken), "You have joined the organization.", cancellationToken);

    public Task<IActionResult> OnPostRequestAsync(Guid organizationId, CancellationToken cancellationToken) =>
        ActAsync(userId => joining.RequestAsync(userId, organizationId, cancellationToken), "Request sent: its admins will decide.", cancellationToken);

    /// <summary>Joins or asks for a signed-in person (never a super admin, who enters every organization already); the home again with the outcome.</summary>
    private async Task<IActionResult> ActAsync(Func<Guid, Task<Refusal?>> act, string notice, CancellationToken cancellationToken)
    {
        if (User.UserId() is not { } userId)
        {
            return Challenge();
        }

        if (User.IsInRole(PortalRoles.SuperAdmin))
        {
            return RedirectToPage("/Admin/Index");
        }

        if (await act(userId) is not { } refusal)
        {
            this.Notify(notice);
            return RedirectToPage();
        }

        Refusal = refusal;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        SignedIn = User.Identity?.IsAuthenticated == true;
        if (User.UserId() is { } userId)
        {
            Organizations = await catalog.Memberships.AsNoTracking()
                .Where(m => m.UserId == userId && m.Status == MembershipStatus.Active
                    && m.Organization.Status == OrganizationStatus.Active)
                .Select(m => m.Organization)
                .OrderBy(o => o.Name)
                .ToListAsync(cancellationToken);
            Offers = await joining.OffersAsync(userId, cancellationToken);
        }
    }
}
