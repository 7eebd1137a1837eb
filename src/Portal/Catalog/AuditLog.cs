namespace MarketEdge.Portal.Catalog;

/// <summary>Writes the audit trail: who did what, when, and in which organization.</summary>
public sealed class AuditLog(CatalogDbContext catalog)
{
    public async Task RecordAsync(
        string action,
        Guid? actorUserId = null,
        Guid? organizationId = null,
        string? details = null,
        CancellationToken cancellationToken = default)
    {
        catalog.AuditEvents.Add(new AuditEvent
        {
            Action = action,
            ActorUserId = actorUserId,
            OrganizationId = organizationId,
            Details = details is { Length: > 2000 } ? details[..2000] : details,
        });
        await catalog.SaveChangesAsync(cancellationToken);
    }
}
