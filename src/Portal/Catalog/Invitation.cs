namespace MarketEdge.Portal.Catalog;

/// <summary>An offer of membership sent by email; only a hash of its single-use token is kept.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public required string Email { get; set; }

    /// <summary>The name the inviter gave (a list may carry one): greets them in the email and fills the accept form.</summary>
    public string? DisplayName { get; set; }

    public MembershipRole Role { get; set; }

    public required string TokenHash { get; set; }

    public Guid? InvitedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
