using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>Why an action on members was not carried out; <see cref="NotFound"/> when the id is not of this organization.</summary>
public sealed record Refusal(string Message, bool NotFound = false)
{
    public static readonly Refusal Missing = new("Not found in this organization.", NotFound: true);
}

/// <summary>
/// What an organization's admins do to its members and invitations. The rules hold on every path
/// (not just in the UI): only Admins (or super admins) manage; nobody grants a role above their own;
/// the organization keeps at least one active Admin; every id must belong to the resolved organization.
/// A deactivated or removed member is refused from their very next request (membership is checked on each).
/// Each method returns null when done, or the refusal.
/// </summary>
public sealed class MemberManagement(
    CatalogDbContext catalog, TenantContext tenant, IHttpContextAccessor http, MemberRoles roles, Invitations invitations, AuditLog audit)
{
    public async Task<bool> CanManageAsync(CancellationToken cancellationToken) => await roles.RoleAsync(cancellationToken) == MembershipRole.Admin;

    public async Task<Refusal?> InviteAsync(string email, MembershipRole role, CancellationToken cancellationToken)
    {
        if (await RefuseUnlessAllowedToGrantAsync(role, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var problem = await invitations.InviteAsync(await OrganizationAsync(cancellationToken), email, role, ActorId, cancellationToken);
        return problem is null ? null : new Refusal(problem);
    }

    public Task<Refusal?> ResendAsync(Guid invitationId, CancellationToken cancellationToken) =>
        WithPendingInvitationAsync(invitationId, async (organization, invitation) =>
            await invitations.ResendAsync(organization, invitation, ActorId, cancellationToken), cancellationToken);

    public Task<Refusal?> RevokeAsync(Guid invitationId, CancellationToken cancellationToken) =>
        WithPendingInvitationAsync(invitationId, async (organization, invitation) =>
            await invitations.RevokeAsync(organization, invitation, ActorId, cancellationToken), cancellationToken);

    public Task<Refusal?> ChangeRoleAsync(Guid userId, MembershipRole role, CancellationToken cancellationToken) =>
        WithMembershipAsync(userId, async membership =>
        {
            if (await RefuseUnlessAllowedToGrantAsync(role, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            if (membership.Role == MembershipRole.Admin && role != MembershipRole.Admin && await IsLastActiveAdminAsync(membership, cancellationToken))
            {
                return new Refusal("The organization must keep at least one active Admin: make someone else Admin first.");
            }

            var old = membership.Role;
            membership.Role = role;
            return await SaveAsync("member.role-changed", membership, $"{old} → {role}", cancellationToken);
        }, cancellationToken);

    public Task<Refusal?> DeactivateAsync(Guid userId, CancellationToken cancellationToken) =>
        WithMembershipAsync(userId, async membership =>
        {
            if (await IsLastActiveAdminAsync(membership, cancellationToken))
            {
                return new Refusal("The organization must keep at least one active Admin: make someone else Admin first.");
            }

            membership.Status = MembershipStatus.Deactivated;
            return await SaveAsync("member.deactivated", membership, null, cancellationToken);
        }, cancellationToken);

    public Task<Refusal?> ReactivateAsync(Guid userId, CancellationToken cancellationToken) =>
        WithMembershipAsync(userId, async membership =>
        {
            membership.Status = MembershipStatus.Active;
            return await SaveAsync("member.reactivated", membership, null, cancellationToken);
        }, cancellationToken);

    /// <summary>Removes a member (an admin removing themself is leaving): the last active Admin cannot go.</summary>
    public Task<Refusal?> RemoveAsync(Guid userId, CancellationToken cancellationToken) =>
        WithMembershipAsync(userId, async membership =>
        {
            if (await IsLastActiveAdminAsync(membership, cancellationToken))
            {
                return new Refusal("The organization must keep at least one active Admin: make someone else Admin first.");
            }

            catalog.Memberships.Remove(membership);
            return await SaveAsync("member.removed", membership, null, cancellationToken);
        }, cancellationToken);

    private Guid? ActorId => http.HttpContext?.User.UserId();

    /// <summary>Roles are ordered Admin, User, Viewer: granting one above your own is refused.</summary>
    private async Task<Refusal?> RefuseUnlessAllowedToGrantAsync(MembershipRole role, CancellationToken cancellationToken)
    {
        var actorRole = await roles.RoleAsync(cancellationToken);
        if (actorRole != MembershipRole.Admin)
        {
            return new Refusal("Only the organization's admins manage its users.");
        }

        return role < actorRole ? new Refusal($"You cannot grant {role}, a role above your own.") : null;
    }

    private async Task<Refusal?> WithMembershipAsync(Guid userId, Func<Membership, Task<Refusal?>> act, CancellationToken cancellationToken)
    {
        if (await roles.RoleAsync(cancellationToken) != MembershipRole.Admin)
        {
            return new Refusal("Only the organization's admins manage its users.");
        }

        var membership = await catalog.Memberships.SingleOrDefaultAsync(
            m => m.OrganizationId == tenant.RequiredOrganization.Id && m.UserId == userId, cancellationToken);
        return membership is null ? Refusal.Missing : await act(membership);
    }

    private async Task<Refusal?> WithPendingInvitationAsync(Guid invitationId, Func<Organization, Invitation, Task> act, CancellationToken cancellationToken)
    {
        if (await roles.RoleAsync(cancellationToken) != MembershipRole.Admin)
        {
            return new Refusal("Only the organization's admins manage its users.");
        }

        var organization = await OrganizationAsync(cancellationToken);
        var invitation = await catalog.Invitations.SingleOrDefaultAsync(
            i => i.Id == invitationId && i.OrganizationId == organization.Id && i.AcceptedAt == null, cancellationToken);
        if (invitation is null)
        {
            return Refusal.Missing;
        }

        await act(organization, invitation);
        return null;
    }

    private async Task<bool> IsLastActiveAdminAsync(Membership membership, CancellationToken cancellationToken) =>
        membership is { Role: MembershipRole.Admin, Status: MembershipStatus.Active }
        && !await catalog.Memberships.AnyAsync(m => m.OrganizationId == membership.OrganizationId && m.UserId != membership.UserId
            && m.Role == MembershipRole.Admin && m.Status == MembershipStatus.Active, cancellationToken);

    private Task<Organization> OrganizationAsync(CancellationToken cancellationToken) =>
        catalog.Organizations.SingleAsync(o => o.Id == tenant.RequiredOrganization.Id, cancellationToken);

    private async Task<Refusal?> SaveAsync(string action, Membership membership, string? details, CancellationToken cancellationToken)
    {
        var email = await catalog.Users.Where(u => u.Id == membership.UserId).Select(u => u.Email).SingleAsync(cancellationToken);
        audit.Add(action, ActorId, membership.OrganizationId, details is null ? email : $"{email}: {details}");
        await catalog.SaveChangesAsync(cancellationToken);
        return null;
    }
}
