using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using MarketEdge.Portal.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Identity;

/// <summary>Settings under "Invitations".</summary>
public sealed class InvitationOptions
{
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Invitations to join an organization: a single-use random token of which only a hash is kept, sent
/// by email through the outbox in the same transaction. Re-sending replaces the token (the old link
/// stops working); revoking and expiry end it.
/// </summary>
public sealed class Invitations(CatalogDbContext catalog, OrganizationLinks links, TimeProvider clock, IOptions<InvitationOptions> options, AuditLog audit)
{
    /// <summary>Invites the organization's first Admin, unless a pending invitation or a membership for that address exists.</summary>
    public async Task InviteFirstAdminAsync(Organization organization, CancellationToken cancellationToken)
    {
        if (await ProblemWithAsync(organization.Id, organization.FirstAdminEmail, cancellationToken) is null)
        {
            await CreateAsync(organization, organization.FirstAdminEmail, MembershipRole.Admin, invitedBy: null, cancellationToken);
        }
    }

    /// <summary>Invites <paramref name="email"/>; a message saying why not when they are already a member or already invited.</summary>
    public async Task<string?> InviteAsync(Organization organization, string email, MembershipRole role, Guid? invitedBy, CancellationToken cancellationToken)
    {
        var normalized = email.Trim();
        if (await ProblemWithAsync(organization.Id, normalized, cancellationToken) is { } problem)
        {
            return problem;
        }

        await CreateAsync(organization, normalized, role, invitedBy, cancellationToken);
        return null;
    }

    /// <summary>Sends a pending invitation again with a new link and a new expiry; the old link stops working.</summary>
    public async Task ResendAsync(Organization organization, Invitation invitation, Guid? actor, CancellationToken cancellationToken)
    {
        var token = NewToken();
        invitation.TokenHash = Hash(token);
        invitation.ExpiresAt = clock.GetUtcNow() + options.Value.ExpireAfter;
        invitation.RevokedAt = null;
        QueueEmail(organization, invitation, token);
        audit.Add("invitation.resent", actor, organization.Id, $"{invitation.Email} as {invitation.Role}");
        await catalog.SaveChangesAsync(cancellationToken);
    }

    public async Task RevokeAsync(Organization organization, Invitation invitation, Guid? actor, CancellationToken cancellationToken)
    {
        invitation.RevokedAt = clock.GetUtcNow();
        audit.Add("invitation.revoked", actor, organization.Id, invitation.Email);
        await catalog.SaveChangesAsync(cancellationToken);
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

    private async Task CreateAsync(Organization organization, string email, MembershipRole role, Guid? invitedBy, CancellationToken cancellationToken)
    {
        var token = NewToken();
        var invitation = new Invitation
        {
            OrganizationId = organization.Id,
            Email = email,
            Role = role,
            TokenHash = Hash(token),
            InvitedByUserId = invitedBy,
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
            To = invitation.Email,
            Subject = $"You are invited to {what} {organization.Name} on MarketEdge",
            Body = $"""
                Hello,

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
