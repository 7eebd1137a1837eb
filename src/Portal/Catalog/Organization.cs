namespace MarketEdge.Portal.Catalog;

/// <summary>A client organization: one tenant of the portal, with a database of its own.</summary>
public sealed class Organization
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Its subdomain and route segment: a DNS label, see <see cref="Tenancy.OrganizationSlug"/>.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    public OrganizationStatus Status { get; set; } = OrganizationStatus.Provisioning;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public List<Membership> Memberships { get; } = [];
}

public enum OrganizationStatus
{
    Provisioning,
    Active,
    Suspended,
    Archived,
    Failed,
}
