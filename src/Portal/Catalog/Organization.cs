namespace MarketEdge.Portal.Catalog;

/// <summary>A client organization: one tenant of the portal, with a database of its own.</summary>
public sealed class Organization
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 256;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Its subdomain and route segment: a DNS label, see <see cref="Tenancy.OrganizationSlug"/>.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    public OrganizationStatus Status { get; set; } = OrganizationStatus.Provisioning;

    /// <summary>While archived: what it was before, so that cancelling the archive brings back exactly that.</summary>
    public OrganizationStatus? StatusBeforeArchive { get; set; }

    /// <summary>The industry pack that shapes it (its flags' defaults, its starter data).</summary>
    public required string PackId { get; set; }

    /// <summary>Its UK SIC 2007 code (five digits).</summary>
    public required string SicCode { get; set; }

    /// <summary>Which of Tenancy:DatabaseServers holds its database; the database's name comes from <see cref="Id"/>.</summary>
    public string DatabaseServer { get; set; } = Tenancy.TenancyOptions.DefaultDatabaseServer;

    /// <summary>Invited as its first Admin while it is provisioned.</summary>
    public required string FirstAdminEmail { get; set; }

    /// <summary>Why provisioning last failed, shown beside the Retry button.</summary>
    public string? FailureReason { get; set; }

    /// <summary>Why the last upgrade of its database failed; null once it is up to date.</summary>
    public string? MigrationError { get; set; }

    /// <summary>When an archived organization's database is dropped, unless the archive is cancelled first.</summary>
    public DateTimeOffset? DeletionDueAt { get; set; }

    /// <summary>When the archived organization's database was dropped; its catalog record stays for the audit trail.</summary>
    public DateTimeOffset? DatabaseDroppedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Its Admins require two-factor sign-in of its members: one without it is led to set it up at their next sign-in.</summary>
    public bool RequireTwoFactor { get; set; }

    /// <summary>Its Admins have switched support access off: no super admin may view the portal as one of its members.</summary>
    public bool RefuseSupportAccess { get; set; }

    public List<Membership> Memberships { get; } = [];

    public List<FeatureFlagOverride> FlagOverrides { get; } = [];
}

public enum OrganizationStatus
{
    Provisioning,
    Active,
    Suspended,
    Archived,
    Failed,
}
