using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages;

/// <summary>The platform home: a welcome for visitors, the way in for members; super admins go to the admin home.</summary>
public sealed class IndexModel(CatalogDbContext catalog) : PageModel
{
    public bool SignedIn { get; private set; }

    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.IsInRole(PortalRoles.SuperAdmin))
        {
            return RedirectToPage("/Admin/Index");
        }

        SignedIn = User.Identity?.IsAuthenticated == true;
        if (User.UserId() is { } userId)
        {
            Organizations = await catalog.Memberships.AsNoTracking()
                .Where(m => m.UserId == userId && m.Status == MembershipStatus.Active
                    && m.Organization.Status == OrganizationStatus.Active)
                .Select(m => m.Organization)
                .OrderBy(o => o.Name)
                .ToListAsync(cancellationToken);
        }

        return Page();
    }
}
