namespace MarketEdge.Portal.Catalog;

/// <summary>
/// Writes the audit trail: who did what, when, in which organization, and from which client address — and, during
/// support access, the super admin who did it as that person.
/// </summary>
public sealed class AuditLog(CatalogDbContext catalog, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>Stages an event to be saved with the catalog context's next save, so it is kept exactly when the change is.</summary>
    public void Add(string action, Guid? actorUserId = null, Guid? organizationId = null, string? details = null) =>
        catalog.AuditEvents.Add(new AuditEvent
        {
            Action = action,
            ActorUserId = actorUserId,
            OrganizationId = organizationId,
            // Done by the person a super admin is viewing as: by that super admin, as the person.
            SupportUserId = http.HttpContext?.User is { } user && Identity.Support.SupportGrant.Of(user) is { } support
                && actorUserId is not null && actorUserId == Identity.ClaimsPrincipalExtensions.UserId(user) ? support.ByUserId : null,
            Details = details is { Length: > 2000 } ? details[..2000] : details,
            OccurredAt = clock.GetUtcNow(),
            ClientAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString() is { } address
                ? address[..Math.Min(address.Length, AuditEvent.ClientAddressMaxLength)]
                : null,
        });

    public async Task RecordAsync(
        string action,
        Guid? actorUserId = null,
        Guid? organizationId = null,
        string? details = null,
        CancellationToken cancellationToken = default)
    {
        Add(action, actorUserId, organizationId, details);
        await catalog.SaveChangesAsync(cancellationToken);
    }
}
