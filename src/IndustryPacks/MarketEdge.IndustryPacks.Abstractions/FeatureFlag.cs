namespace MarketEdge.IndustryPacks;

/// <summary>A feature a pack can switch on for an organization.</summary>
/// <param name="Key">Stable key, lower-case with hyphens, such as <c>showtime-tracking</c>; unique within the pack.</param>
/// <param name="Name">Short name shown to people.</param>
/// <param name="Description">What switching it on gives the organization.</param>
/// <param name="EnabledByDefault">Whether a new organization has it on until a super admin overrides it.</param>
public sealed record FeatureFlag(string Key, string Name, string Description, bool EnabledByDefault);
