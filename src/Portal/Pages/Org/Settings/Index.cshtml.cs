using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Support;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages.Org.Settings;

/// <summary>
/// <c>/settings</c>: an organization's Admins (and super admins inside it) decide how its members must sign in, and
/// whether the platform's super admins may view the portal as one of them (support access).
/// </summary>
[EnableRateLimiting(SignInLimitOptions.InvitationRateLimitPolicy)]
public sealed class IndexModel(TenantContext tenant, MemberRoles roles, CatalogDbContext catalog, AuditLog audit, SupportAccess support) : PageModel
{
    public string OrganizationName => tenant.RequiredOrganization.Name;

    public bool RequireTwoFactor { get; private set; }

    public bool RefuseSupportAccess { get; private set; }

    /// <summary>Active members who have not set up two-factor sign-in yet.</summary>
    public int MembersWithoutTwoFactor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        var organizationId = tenant.RequiredOrganization.Id;
        var settings = await catalog.Organizations.Where(o => o.Id == organizationId)
            .Select(o => new { o.RequireTwoFactor, o.RefuseSupportAccess }).SingleAsync(cancellationToken);
        (RequireTwoFactor, RefuseSupportAccess) = (settings.RequireTwoFactor, settings.RefuseSupportAccess);
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

    /// <summary>Switches support access on or off; off also ends, at once, any support session open in the organization.</summary>
    public async Task<IActionResult> OnPostSupportAccessAsync(bool allowed, CancellationToken cancellationToken)
    {
        // Anyone who manages it may switch it off; only the organization's own Admins may switch it on (not the super admins it keeps out).
        if (!await roles.CanManageAsync(cancellationToken) || (allowed && tenant.Caller?.MembershipRole != MembershipRole.Admin))
        {
            return Forbid();
        }

        var organizationId = tenant.RequiredOrganization.Id;
        var changed = await catalog.Organizations
            .Where(o => o.Id == organizationId && o.RefuseSupportAccess == allowed)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.RefuseSupportAccess, !allowed), cancellationToken);
        if (!allowed)
        {
            await support.EndAllInAsync(organizationId, cancellationToken); // after saving the switch: a support access starting meanwhile sees one or the other
        }

        if (changed > 0)
        {
            await audit.RecordAsync(allowed ? "organization.support-access-allowed" : "organization.support-access-refused",
                User.UserId(), organizationId, cancellationToken: cancellationToken);
        }

        this.Notify(allowed
            ? "Support access is on: the platform's super admins may view the portal as a member, for a reason, audited."
            : "Support access is off: no super admin may view the portal as one of your members.");
        return RedirectToPage();
    }
}
