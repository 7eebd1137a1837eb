namespace MarketEdge.Portal.Catalog;

/// <summary>One thing somebody did: who, what, when, and in which organization.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; } = DateTimeOffset.UtcNow;

    public Guid? ActorUserId { get; set; }

    public Guid? OrganizationId { get; set; }

    public required string Action { get; set; }

    public string? Details { get; set; }
}
