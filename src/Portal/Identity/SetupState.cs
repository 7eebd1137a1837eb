using MarketEdge.Portal.Catalog;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>Whether a super admin exists yet. Once one does, the answer is kept: setup never reopens.</summary>
public sealed class SetupState
{
    private volatile bool _complete;

    public async Task<bool> IsCompleteAsync(CatalogDbContext catalog, CancellationToken cancellationToken)
    {
        if (!_complete)
        {
            _complete = await SuperAdminExistsAsync(catalog, cancellationToken);
        }

        return _complete;
    }

    public static Task<bool> SuperAdminExistsAsync(CatalogDbContext catalog, CancellationToken cancellationToken) =>
        catalog.UserRoles.AnyAsync(
            ur => catalog.Roles.Any(r => r.Id == ur.RoleId && r.Name == PortalRoles.SuperAdmin), cancellationToken);
}
