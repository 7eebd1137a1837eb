using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// What an organization's admins do to its members and invitations. The rules hold on every path
/// (not just in the UI): only Admins (or super admins) manage; a role is one of the defined roles and
/// never above the actor's own; the organization keeps at least one active Admin, also when two admins
/// act at the same moment (changes to one organization's members are serialized); every id must belong
/// to the resolved organization. A deactivated or removed member is refused from their very next request.
/// Each method returns null when done, or the refusal.
/// </summary>
public sealed class MemberManagement(
    CatalogDbContext catalog, TenantContext tenant, IHttpContextAccessor http, MemberRoles roles, Invitations invitations, Domains.Joining joining, AuditLog audit)
{
    private const string LastAdmin = "The organization must keep at least one active Admin: make someone else Admin first.";
    private static readonly Refusal NotAnAdmin = new("Only the organization's admins manage its users.");

    public Task<bool> CanManageAsync(CancellationToken cancellationToken) => roles.CanManageAsync(cancellationToken);

    public async Task<Refusal?> InviteAsync(string? email, MembershipRole? role, CancellationToken cancellationToken)
    {
        if (await RefuseUnlessAllowedToGrantAsync(role, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        return await invitations.InviteAsync(await OrganizationAsync(cancellationToken), email, role!.Value, ActorId, cancellationToken);
    }

    public Task<Refusal?> ResendAsync(Guid invitationId, CancellationToken cancellationToken) =>
        WithPendingInvitationAsync(invitationId, (organization, invitation) =>
            invitations.ResendAsync(organization, invitation, ActorId, cancellationToken), cancellationToken);

    public Task<Refusal?> RevokeAsync(Guid invitationId, CancellationToken cancellationToken) =>
        WithPendingInvitationAsync(invitationId, (organization, invitation) =>
            invitations.RevokeAsync(organization, invitation, ActorId, cancellationToken), cancellationToken);

    public async Task<Refusal?> ChangeRoleAsync(Guid userId, MembershipRole? role, CancellationToken cancellationToken)
    {
        if (await RefuseUnlessAllowedToGrantAsync(role, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        return await WithMembershipAsync(userId, async membership =>
        {
            if (membership.Role == MembershipRole.Admin && role != MembershipRole.Admin && await IsLastActiveAdminAsync(membership, cancellationToken))
            {
                return new Refusal(LastAdmin);
            }

            var old = membership.Role;
            membership.Role = role!.Value;
            return await SaveAsync("member.role-changed", membership, $"{old} → {role}", cancellationToken);
        }, cancellationToken);
    }

    public Task<Refusal?> DeactivateAsync(Guid userId, CancellationToken cancellationToken) =>
        WithMembershipAsync(userId, async membership =>
        {
            if (await IsLastActiveAdminAsync(membership, cancellationToken))
            {
                return new Refusal(LastAdmin);
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
                return new Refusal(LastAdmin);
            }

            catalog.Memberships.Remove(membership);
            await joining.KeepOutByAddressAsync(membership.OrganizationId, membership.UserId, ActorId, cancellationToken);
            return await SaveAsync("member.removed", membership, null, cancellationToken);
        }, cancellationToken);

    private Guid? ActorId => http.HttpContext?.User.UserId();

    /// <summary>Only defined roles, and none above the actor's own.</summary>
    private async Task<Refusal?> RefuseUnlessAllowedToGrantAsync(MembershipRole? role, CancellationToken cancellationToken)
    {
        var actorRole = await roles.RoleAsync(cancellationToken);
        if (actorRole != MembershipRole.Admin)
        {
            return NotAnAdmin;
        }

        return MembershipRoles.GrantProblem(role, actorRole.Value) is { } problem ? new Refusal(problem, "role") : null;
    }

    /// <summary>
    /// Reads and changes one membership under the organization's member lock (a transaction-scoped advisory
    /// lock), so two admins demoting each other at once are judged one after the other.
    /// </summary>
    private async Task<Refusal?> WithMembershipAsync(Guid userId, Func<Membership, Task<Refusal?>> act, CancellationToken cancellationToken)
    {
        if (userId == ActorId && Support.SupportGrant.Of(http.HttpContext?.User) is not null)
        {
            return new Refusal("Not during support access: the membership of the person you are viewing as stays as it is.");
        }

        if (!await roles.CanManageAsync(cancellationToken))
        {
            return NotAnAdmin;
        }

        var organizationId = tenant.RequiredOrganization.Id;
        await using var transaction = await catalog.Database.BeginTransactionAsync(cancellationToken);
        await MemberLock.TakeAsync(catalog, organizationId, cancellationToken);
        if (await roles.RoleAsync(cancellationToken, fresh: true) != MembershipRole.Admin)
        {
            return NotAnAdmin; // demoted by another Admin a moment ago
        }

        var membership = await catalog.Memberships.SingleOrDefaultAsync(
            m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken);
        var refusal = membership is null ? Refusal.Missing : await act(membership);
        if (refusal is null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return refusal;
    }

    private async Task<Refusal?> WithPendingInvitationAsync(Guid invitationId, Func<Organization, Invitation, Task<Refusal?>> act, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return NotAnAdmin;
        }

        var organization = await OrganizationAsync(cancellationToken);
        var invitation = await catalog.Invitations.SingleOrDefaultAsync(
            i => i.Id == invitationId && i.OrganizationId == organization.Id && i.AcceptedAt == null, cancellationToken);
        return invitation is null ? Refusal.Missing : await act(organization, invitation);
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
