namespace MarketEdge.Portal.Catalog;

/// <summary>One thing somebody did: who, what, when, in which organization, and from which client address.</summary>
public sealed class AuditEvent
{
    public const int ClientAddressMaxLength = 64;

    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; } = DateTimeOffset.UtcNow;

    public Guid? ActorUserId { get; set; }

    public Guid? OrganizationId { get; set; }

    /// <summary>The super admin who did it while viewing as the actor (support access); none otherwise.</summary>
    public Guid? SupportUserId { get; set; }

    public required string Action { get; set; }

    public string? Details { get; set; }

    /// <summary>The address the request came from (as the proxy settings trust it); none for the portal's own jobs.</summary>
    public string? ClientAddress { get; set; }
}
