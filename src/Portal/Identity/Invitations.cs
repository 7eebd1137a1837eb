using System.Security.Cryptography;
using System.Text;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Email;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>Invitations to join an organization: a single-use random token, of which only a hash is kept, sent by email through the outbox.</summary>
public sealed class Invitations(CatalogDbContext catalog, OrganizationLinks links, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);

    /// <summary>Invites the organization's first Admin, unless a pending invitation or a membership for that address exists.</summary>
    public async Task InviteFirstAdminAsync(Organization organization, CancellationToken cancellationToken)
    {
        var email = organization.FirstAdminEmail;
        var now = clock.GetUtcNow();
        var alreadyInvited = await catalog.Invitations.AnyAsync(i => i.OrganizationId == organization.Id && i.Email == email
            && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken);
        var alreadyMember = await catalog.Memberships.AnyAsync(m => m.OrganizationId == organization.Id && m.User.NormalizedEmail == email.ToUpperInvariant(), cancellationToken);
        if (alreadyInvited || alreadyMember)
        {
            return;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        catalog.Invitations.Add(new Invitation
        {
            OrganizationId = organization.Id,
            Email = email,
            Role = MembershipRole.Admin,
            TokenHash = Hash(token),
            ExpiresAt = now + DefaultLifetime,
        });
        var link = links.For(organization.Slug, $"/invitations/accept?token={token}");
        catalog.OutboxMessages.Add(new OutboxMessage
        {
            OrganizationId = organization.Id,
            To = email,
            Subject = $"You are invited to manage {organization.Name} on MarketEdge",
            Body = $"""
                Hello,

                You have been invited to be an administrator of {organization.Name} on MarketEdge.
                Accept the invitation and choose your password here:

                {link}

                The link works once and expires on {(now + DefaultLifetime):d MMMM yyyy}.
                """,
        });
        await catalog.SaveChangesAsync(cancellationToken); // the invitation and its email, together or not at all
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
