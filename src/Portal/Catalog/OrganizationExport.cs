namespace MarketEdge.Portal.Catalog;

/// <summary>
/// One archive of an organization, made by a background job on request: its database (pg_dump, custom format),
/// and its members, invitations and audit log as CSV. Kept 24 hours, then deleted.
/// </summary>
public sealed class OrganizationExport
{
    public const int StepMaxLength = 200;
    public const int ErrorMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid? RequestedByUserId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public OrganizationExportStatus Status { get; set; }

    /// <summary>What the job is doing now, shown as its progress.</summary>
    public string? Step { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>When the archive is deleted (24 hours after it was made).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public long? SizeBytes { get; set; }

    /// <summary>Why it failed, in words for the page (never a path, a command line or SQL).</summary>
    public string? Error { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }
}

public enum OrganizationExportStatus
{
    Queued,
    Running,
    Ready,
    Failed,
}
