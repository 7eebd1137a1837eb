using MarketEdge.Portal.Catalog;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>Creates the first super admin, once: by /setup or from Bootstrap settings at start.</summary>
public sealed class SuperAdminAccounts(
    CatalogDbContext catalog,
    UserManager<PortalUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    AuditLog audit)
{
    /// <summary>Not created with no errors means a super admin already existed.</summary>
    public sealed record Outcome(bool Created, IReadOnlyList<IdentityError> Errors);

    public async Task<Outcome> CreateFirstAsync(string email, string displayName, string password, CancellationToken cancellationToken)
    {
        await using var transaction = await catalog.Database.BeginTransactionAsync(cancellationToken);
        // One setup at a time across processes: whoever waits here sees the first one's result below.
        await catalog.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4242001)", cancellationToken);
        if (await SetupState.SuperAdminExistsAsync(catalog, cancellationToken))
        {
            return new Outcome(false, []);
        }

        if (!await roles.RoleExistsAsync(PortalRoles.SuperAdmin))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(PortalRoles.SuperAdmin));
        }

        var user = new PortalUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new Outcome(false, created.Errors.ToList());
        }

        await users.AddToRoleAsync(user, PortalRoles.SuperAdmin);
        await audit.RecordAsync("superadmin.created", actorUserId: user.Id, details: email, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(true, []);
    }
}
