using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Bulk;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages.Org.Users;

/// <summary>
/// The organization's people as CSV, for its admins: members and pending invitations, with the columns of an
/// invitation list plus status and last sign-in. Cells that a spreadsheet would run as formulas are escaped.
/// </summary>
public sealed class ExportModel(CatalogDbContext catalog, TenantContext tenant, MemberRoles roles, Identity.Invitations invitations) : PageModel
{
    public static readonly IReadOnlyList<string> Header = [.. InvitationCsv.Columns, "status", "last_sign_in"];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        var organization = tenant.RequiredOrganization;
        var members = await catalog.Memberships.AsNoTracking().Where(m => m.OrganizationId == organization.Id)
            .OrderBy(m => m.User.Email)
            .Select(m => new { m.User.Email, m.User.DisplayName, m.Role, m.Status, m.User.LastSignInAt })
            .ToListAsync(cancellationToken);
        var invited = await invitations.Pending(organization.Id).AsNoTracking()
            .OrderBy(i => i.Email)
            .Select(i => new { i.Email, i.DisplayName, i.Role })
            .ToListAsync(cancellationToken);

        var records = members.Select(m => (IReadOnlyList<string?>)[m.Email, m.DisplayName, m.Role.ToString(), m.Status.ToString(), m.LastSignInAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm") ?? ""])
            .Concat(invited.Select(i => (IReadOnlyList<string?>)[i.Email, i.DisplayName ?? "", i.Role.ToString(), "Invited", ""]));
        return File(SpreadsheetCsv.Write(Header, records), "text/csv", $"{organization.Slug}-users.csv");
    }
}
