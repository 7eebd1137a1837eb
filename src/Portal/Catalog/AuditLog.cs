namespace MarketEdge.Portal.Catalog;

/// <summary>
/// Writes the audit trail: who did what, when, in which organization, and from which client address — and, during
/// support access, the super admin who did it as that person.
/// </summary>
public sealed class AuditLog(CatalogDbContext catalog, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>Stages an event to be saved with the catalog context's next save, so it is kept exactly when the change is.</summary>
    private Guid? _supportUserId;

    /// <summary>
    /// For work done later on behalf of a request made during support access (a job sending a list): this scope's events
    /// done by a person name <paramref name="superAdmin"/> too, as the request's own would have.
    /// </summary>
    public void DuringSupportBy(Guid? superAdmin) => _supportUserId = superAdmin;

    public void Add(string action, Guid? actorUserId = null, Guid? organizationId = null, string? details = null) =>
        catalog.AuditEvents.Add(new AuditEvent
        {
            Action = action,
            ActorUserId = actorUserId,
            OrganizationId = organizationId,
            // Done by the person a super admin is viewing as: by that super admin, as the person.
            SupportUserId = actorUserId is null ? null
                : http.HttpContext?.User is { } user && Identity.Support.SupportGrant.Of(user) is { } support
                    ? (actorUserId == Identity.ClaimsPrincipalExtensions.UserId(user) ? support.ByUserId : null)
                    : _supportUserId,
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
