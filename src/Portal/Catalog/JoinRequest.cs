namespace MarketEdge.Portal.Catalog;

/// <summary>Someone with an address at one of an organization's verified domains asking to join it; an Admin decides.</summary>
public sealed class JoinRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedByUserId { get; set; }

    /// <summary>The role given on approval; null while pending or when declined.</summary>
    public MembershipRole? ApprovedRole { get; set; }
}
