namespace MarketEdge.Portal.Tenancy;

/// <summary>Endpoint metadata: the page answers only inside an organization.</summary>
public sealed class OrganizationScopedAttribute : Attribute;

/// <summary>Endpoint metadata: the page answers only on the platform (no organization resolved).</summary>
public sealed class PlatformScopedAttribute : Attribute;
