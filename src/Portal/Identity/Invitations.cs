using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using MarketEdge.Portal.Catalog;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Identity;

/// <summary>Settings under "Invitations".</summary>
public sealed class InvitationOptions
{
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many invitations one organization may send in 24 hours, lists included: a compromised Admin account cannot spam.</summary>
    [Range(1, 1_000_000)]
    public int PerOrganizationPerDay { get; set; } = 10_000;
}

/// <summary>A person accepting an invitation without an account yet.</summary>
public sealed record NewAccount(string DisplayName, string Password);

/// <summary>
/// Invitations to join an organization: a single-use random token of which only a hash is kept, sent
/// by email through the outbox in the same transaction. Re-sending replaces the token (the old link
/// stops working); revoking and expiry end it. Accepting, revoking and re-sending each claim the
/// invitation with one conditional update, so of two racing requests exactly one wins.
/// </summary>
public sealed class Invitations(
    CatalogDbContext catalog, UserManager<PortalUser> users, OrganizationLinks links, TimeProvider clock, IOptions<InvitationOptions> options, AuditLog audit)
{
    private static readonly Refusal NoLongerPending = new("This invitation has already been used, withdrawn or has expired.");

    /// <summary>Invites the organization's first Admin, unless a pending invitation or a membership for that address exists.</summary>
    public async Task InviteFirstAdminAsync(Organization organization, CancellationToken cancellationToken) =>
        await CreateUnlessTakenAsync(organization, organization.FirstAdminEmail, MembershipRole.Admin, invitedBy: null, displayName: null, cancellationToken);

    /// <summary>Invites <paramref name="email"/>; refused beside the field when it is not one deliverable address, a member's or already invited.</summary>
    public async Task<Refusal?> InviteAsync(
        Organization organization, string? email, MembershipRole role, Guid? invitedBy, CancellationToken cancellationToken, string? displayName = null)
    {
        var normalized = email?.Trim() ?? "";
        if (Email.MailboxAddress.Problem(normalized) is { } invalid)
        {
            return new Refusal(invalid, "email");
        }

        return await CreateUnlessTakenAsync(organization, normalized, role, invitedBy, displayName, cancellationToken) is { } problem
            ? new Refusal(problem, "email")
            : null;
    }

    /// <summary>Sends a pending invitation again with a new link and a new expiry; the old link stops working.</summary>
    public async Task<Refusal?> ResendAsync(Organization organization, Invitation invitation, Guid? actor, CancellationToken cancellationToken)
    {
        var token = NewToken();
        var expiresAt = clock.GetUtcNow() + options.Value.ExpireAfter;
        await using var transaction = await catalog.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await catalog.Invitations.Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.TokenHash, Hash(token)).SetProperty(i => i.ExpiresAt, expiresAt), cancellationToken);
        if (claimed != 1)
        {
            return NoLongerPending;
        }

        invitation.ExpiresAt = expiresAt;
        QueueEmail(organization, invitation, token);
        audit.Add("invitation.resent", actor, organization.Id, $"{invitation.Email} as {invitation.Role}");
        await catalog.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task<Refusal?> RevokeAsync(Organization organization, Invitation invitation, Guid? actor, CancellationToken cancellationToken)
    {
        await using var transaction = await catalog.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var claimed = await catalog.Invitations.Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.RevokedAt, now), cancellationToken);
        if (claimed != 1)
        {
            return NoLongerPending;
        }

        audit.Add("invitation.revoked", actor, organization.Id, invitation.Email);
        await catalog.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Accepts an invitation in one transaction: claims it while it is pending, unrevoked and unexpired (exactly
    /// one row changed, or nothing happens), creates the account for a <paramref name="newcomer"/>, then adds the
    /// membership. A membership an Admin deactivated stays deactivated: accepting never undoes that decision.
    /// </summary>
    public async Task<(PortalUser? User, Refusal? Refusal)> AcceptAsync(
        Invitation invitation, PortalUser? existing, NewAccount? newcomer, CancellationToken cancellationToken)
    {
        await using var transaction = await catalog.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var invitationId = invitation.Id;
        var tokenHash = invitation.TokenHash; // a link replaced by a re-send in the meantime no longer works
        var claimed = await catalog.Invitations.Where(i => i.Id == invitationId && i.TokenHash == tokenHash
                && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.AcceptedAt, now), cancellationToken);
        if (claimed != 1)
        {
            return (null, NoLongerPending);
        }

        await MemberLock.TakeAsync(catalog, invitation.OrganizationId, cancellationToken); // judged after any join racing this one
        var user = existing;
        if (user is null)
        {
            user = new PortalUser { UserName = invitation.Email, Email = invitation.Email, DisplayName = newcomer?.DisplayName ?? "", EmailConfirmed = true };
            var created = await users.CreateAsync(user, newcomer?.Password ?? "");
            if (!created.Succeeded)
            {
                return (null, new Refusal(string.Join(" ", created.Errors.Select(e => e.Description)), "Input.Password"));
            }
        }

        var membership = await catalog.Memberships.FindAsync([invitation.OrganizationId, user.Id], cancellationToken);
        if (membership is { Status: MembershipStatus.Deactivated })
        {
            return (null, new Refusal("Your membership of this organization was deactivated by its administrators; only they can turn it back on."));
        }

        if (membership is null)
        {
            catalog.Memberships.Add(new Membership { OrganizationId = invitation.OrganizationId, UserId = user.Id, Role = invitation.Role, CreatedAt = now });
        }

        audit.Add("invitation.accepted", user.Id, invitation.OrganizationId, $"{invitation.Email} as {invitation.Role}");
        await catalog.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (user, null);
    }

    /// <summary>Pending: neither accepted nor revoked nor expired.</summary>
    public IQueryable<Invitation> Pending(Guid organizationId)
    {
        var now = clock.GetUtcNow();
        return catalog.Invitations.Where(i => i.OrganizationId == organizationId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now);
    }
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<string?> ProblemWithAsync(Guid organizationId, string email, CancellationToken cancellationToken)
    {
        var normalized = email.ToUpperInvariant();
        if (await catalog.Memberships.AnyAsync(m => m.OrganizationId == organizationId && m.User.NormalizedEmail == normalized, cancellationToken))
        {
            return $"{email} is already a member of this organization.";
        }

        return await Pending(organizationId).AnyAsync(i => i.Email.ToUpper() == normalized, cancellationToken)
            ? $"{email} has already been invited; re-send that invitation instead."
            : null;
    }

    /// <summary>
    /// Invites <paramref name="email"/> unless it is a member's or already invited (then the reason), judged and
    /// written under a lock on that address in this organization, so two invitations racing make one. Inside the
    /// caller's transaction when there is one.
    /// </summary>
    private async Task<string?> CreateUnlessTakenAsync(
        Organization organization, string email, MembershipRole role, Guid? invitedBy, string? displayName, CancellationToken cancellationToken)
    {
        var own = catalog.Database.CurrentTransaction is null ? await catalog.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            var address = $"invite:{organization.Id:N}:{email.ToUpperInvariant()}";
            await catalog.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({address}, 0))", cancellationToken);
            if (await ProblemWithAsync(organization.Id, email, cancellationToken) is { } problem)
            {
                return problem;
            }

            await CreateAsync(organization, email, role, invitedBy, displayName, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return null;
        }
    }

    private async Task CreateAsync(
        Organization organization, string email, MembershipRole role, Guid? invitedBy, string? displayName, CancellationToken cancellationToken)
    {
        var token = NewToken();
        var invitation = new Invitation
        {
            OrganizationId = organization.Id,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName,
            Role = role,
            TokenHash = Hash(token),
            InvitedByUserId = invitedBy,
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = clock.GetUtcNow() + options.Value.ExpireAfter,
        };
        catalog.Invitations.Add(invitation);
        QueueEmail(organization, invitation, token);
        audit.Add("invitation.sent", invitedBy, organization.Id, $"{email} as {role}");
        await catalog.SaveChangesAsync(cancellationToken); // the invitation, its email and its audit entry, together or not at all
    }

    private void QueueEmail(Organization organization, Invitation invitation, string token)
    {
        var what = invitation.Role == MembershipRole.Admin ? "manage" : "join";
        catalog.OutboxMessages.Add(new OutboxMessage
        {
            OrganizationId = organization.Id,
            CreatedAt = clock.GetUtcNow(),
            To = invitation.Email,
            Subject = $"You are invited to {what} {organization.Name} on MarketEdge",
            Body = $"""
                Hello{(invitation.DisplayName is null ? "" : " " + invitation.DisplayName)},

                You have been invited to {organization.Name} on MarketEdge as {invitation.Role}.
                Accept the invitation here:

                {links.For(organization.Slug, $"/invitations/accept?token={token}")}

                The link works once and expires on {invitation.ExpiresAt:d MMMM yyyy}.
                """,
        });
    }

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
