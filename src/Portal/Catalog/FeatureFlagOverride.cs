namespace MarketEdge.Portal.Catalog;

/// <summary>A super admin's decision that beats the pack's default for one flag in one organization.</summary>
public sealed class FeatureFlagOverride
{
    public const int KeyMaxLength = 100;

    public Guid OrganizationId { get; set; }

    public required string FlagKey { get; set; }

    public bool Enabled { get; set; }

    public DateTimeOffset SetAt { get; set; } = DateTimeOffset.UtcNow;

    public Guid? SetByUserId { get; set; }
}
