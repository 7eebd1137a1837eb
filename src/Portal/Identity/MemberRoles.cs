using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>What the signed-in person may do inside the resolved organization: Viewers read, Users and Admins also change data.</summary>
public sealed class MemberRoles(CatalogDbContext catalog, TenantContext tenant, IHttpContextAccessor http)
{
    public async Task<bool> CanEditDataAsync(CancellationToken cancellationToken)
    {
        var user = http.HttpContext?.User;
        if (user is null || tenant.Organization is not { } organization)
        {
            return false;
        }

        if (user.IsInRole(PortalRoles.SuperAdmin))
        {
            return true;
        }

        var userId = user.UserId();
        return await catalog.Memberships.AnyAsync(m => m.OrganizationId == organization.Id && m.UserId == userId
            && m.Status == MembershipStatus.Active && m.Role != MembershipRole.Viewer, cancellationToken);
    }
}
