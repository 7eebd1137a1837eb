using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// The one place that answers "who is this caller here": the signed-in person's role inside the resolved
/// organization, asked once per request and kept on <see cref="TenantContext"/>. The question goes to the
/// catalog itself, not to the organization cache, and needs the organization to be Active there, so a
/// suspension or archive made by any portal process takes effect at the next request. Super admins count
/// as Admins; everyone else has the role of their active membership, if any.
/// </summary>
public sealed class MemberRoles(CatalogDbContext catalog, TenantContext tenant, IHttpContextAccessor http)
{
    /// <summary>The caller's role here; <paramref name="fresh"/> asks the catalog again (inside a lock that serializes changes).</summary>
    public async Task<MembershipRole?> RoleAsync(CancellationToken cancellationToken, bool fresh = false)
    {
        if (!fresh && tenant.Caller is { } known)
        {
            return known.Role;
        }

        var user = http.HttpContext?.User;
        if (user?.UserId() is not { } userId || tenant.Organization is not { } organization)
        {
            return null;
        }

        var isSuperAdmin = user.IsInRole(PortalRoles.SuperAdmin);
        var found = await catalog.Organizations
            .Where(o => o.Id == organization.Id && o.Status == OrganizationStatus.Active)
            .Select(o => new
            {
                Role = o.Memberships.Where(m => m.UserId == userId && m.Status == MembershipStatus.Active).Select(m => (MembershipRole?)m.Role).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var role = found is null ? null : isSuperAdmin ? MembershipRole.Admin : found.Role;
        tenant.SetCaller(new CallerMembership(userId, role));
        return role;
    }

    public async Task<bool> CanEditDataAsync(CancellationToken cancellationToken) =>
        await RoleAsync(cancellationToken) is MembershipRole.Admin or MembershipRole.User;

    public async Task<bool> CanManageAsync(CancellationToken cancellationToken) =>
        await RoleAsync(cancellationToken) == MembershipRole.Admin;
}

/// <summary>The caller's place in the resolved organization: no role means no entry.</summary>
public sealed record CallerMembership(Guid UserId, MembershipRole? Role);
