using MarketEdge.Portal.Identity;

namespace MarketEdge.Portal.Catalog;

/// <summary>A person's place in one organization.</summary>
public sealed class Membership
{
    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public MembershipRole Role { get; set; } = MembershipRole.Viewer;

    public MembershipStatus Status { get; set; } = MembershipStatus.Active;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public Organization Organization { get; set; } = null!;

    public PortalUser User { get; set; } = null!;
}

/// <summary>Ordered from least to most powerful; the default value is the least privilege.</summary>
public enum MembershipRole
{
    Viewer,
    User,
    Admin,
}

public static class MembershipRoles
{
    public const string Unknown = "Choose a role: Admin, User or Viewer.";

    /// <summary>The order in which roles are offered.</summary>
    public static readonly IReadOnlyList<MembershipRole> MostPowerfulFirst = [MembershipRole.Admin, MembershipRole.User, MembershipRole.Viewer];

    /// <summary>A role from form input: only the exact name of a defined role, never a number or an unknown word.</summary>
    public static MembershipRole? Parse(string? value, StringComparison comparison = StringComparison.Ordinal) =>
        MostPowerfulFirst.Cast<MembershipRole?>().FirstOrDefault(role => string.Equals(role.ToString(), value, comparison));

    public static bool IsDefined(MembershipRole? role) => role is { } known && MostPowerfulFirst.Contains(known);

    /// <summary>Why someone whose role is <paramref name="granter"/> may not grant <paramref name="role"/>, or null: only defined roles, none above one's own.</summary>
    public static string? GrantProblem(MembershipRole? role, MembershipRole granter) =>
        !IsDefined(role) ? Unknown
        : role > granter ? $"You cannot grant {role}, a role above your own."
        : null;
}

public enum MembershipStatus
{
    Active,
    Deactivated,
}
