using MarketEdge.Portal.Identity;

namespace MarketEdge.Portal.Catalog;

/// <summary>A person's place in one organization.</summary>
public sealed class Membership
{
    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public MembershipRole Role { get; set; } = MembershipRole.User;

    public MembershipStatus Status { get; set; } = MembershipStatus.Active;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public Organization Organization { get; set; } = null!;

    public PortalUser User { get; set; } = null!;
}

/// <summary>Ordered from most to least powerful.</summary>
public enum MembershipRole
{
    Admin,
    User,
    Viewer,
}

public enum MembershipStatus
{
    Active,
    Deactivated,
}
