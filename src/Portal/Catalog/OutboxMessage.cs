namespace MarketEdge.Portal.Catalog;

/// <summary>An email waiting to be delivered, delivered, or set aside as failed: written in the same transaction as what it announces.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid? OrganizationId { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>Not before then: a failed attempt waits longer each time.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Set aside after too many failed attempts (see <see cref="LastError"/>); a super admin may retry or discard it.</summary>
    public DateTimeOffset? FailedAt { get; set; }
}
