using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// The signed-in person's role inside the resolved organization: super admins count as Admins,
/// everyone else has the role of their active membership, if any. Viewers read; Users and Admins also change data.
/// </summary>
public sealed class MemberRoles(CatalogDbContext catalog, TenantContext tenant, IHttpContextAccessor http)
{
    public async Task<MembershipRole?> RoleAsync(CancellationToken cancellationToken)
    {
        var user = http.HttpContext?.User;
        if (user is null || tenant.Organization is not { } organization)
        {
            return null;
        }

        if (user.IsInRole(PortalRoles.SuperAdmin))
        {
            return MembershipRole.Admin;
        }

        var userId = user.UserId();
        return await catalog.Memberships
            .Where(m => m.OrganizationId == organization.Id && m.UserId == userId && m.Status == MembershipStatus.Active)
            .Select(m => (MembershipRole?)m.Role)
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> CanEditDataAsync(CancellationToken cancellationToken) =>
        await RoleAsync(cancellationToken) is MembershipRole.Admin or MembershipRole.User;
}
