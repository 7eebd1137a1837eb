using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages.Org.Settings;

/// <summary><c>/settings</c>: an organization's Admins (and super admins inside it) decide how its members must sign in.</summary>
[EnableRateLimiting(SignInLimitOptions.InvitationRateLimitPolicy)]
public sealed class IndexModel(TenantContext tenant, MemberRoles roles, CatalogDbContext catalog, AuditLog audit) : PageModel
{
    public string OrganizationName => tenant.RequiredOrganization.Name;

    public bool RequireTwoFactor { get; private set; }

    /// <summary>Active members who have not set up two-factor sign-in yet.</summary>
    public int MembersWithoutTwoFactor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        var organizationId = tenant.RequiredOrganization.Id;
        RequireTwoFactor = await catalog.Organizations.Where(o => o.Id == organizationId).Select(o => o.RequireTwoFactor).SingleAsync(cancellationToken);
        MembersWithoutTwoFactor = await catalog.Memberships
            .CountAsync(m => m.OrganizationId == organizationId && m.Status == MembershipStatus.Active
                && catalog.Users.Any(u => u.Id == m.UserId && !u.TwoFactorEnabled), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostTwoFactorAsync(bool required, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        var organizationId = tenant.RequiredOrganization.Id;
        var changed = await catalog.Organizations
            .Where(o => o.Id == organizationId && o.RequireTwoFactor != required)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.RequireTwoFactor, required), cancellationToken);
        if (changed > 0)
        {
            await audit.RecordAsync(required ? "organization.two-factor-required" : "organization.two-factor-not-required",
                User.UserId(), organizationId, cancellationToken: cancellationToken);
        }

        this.Notify(required
            ? "Two-factor sign-in is now required: members without it set it up at their next sign-in."
            : "Two-factor sign-in is no longer required (members who have it keep it).");
        return RedirectToPage();
    }
}
