using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketEdge.Portal.Pages.Org.Users;

/// <summary>The organization's people as CSV (<see cref="OrganizationPeople"/>), for its admins.</summary>
public sealed class ExportModel(TenantContext tenant, MemberRoles roles, OrganizationPeople people) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        var organization = tenant.RequiredOrganization;
        return File(await people.CsvAsync(organization.Id, cancellationToken), "text/csv", $"{organization.Slug}-users.csv");
    }
}
