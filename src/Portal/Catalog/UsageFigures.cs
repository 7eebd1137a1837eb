namespace MarketEdge.Portal.Catalog;

/// <summary>
/// Usage at a glance, for one organization or (<see cref="Platform"/>) the whole platform, as the periodic job last
/// worked it out from what the portal writes anyway (memberships, invitations, sessions, sign-ins in the audit log),
/// so that the pages showing it read one row instead of counting.
/// </summary>
public sealed class UsageFigures
{
    /// <summary>The row of the platform's totals.</summary>
    public static readonly Guid Platform = Guid.Empty;

    /// <summary>How many days <see cref="SignInsPerDay"/> covers, today (UTC) included.</summary>
    public const int Days = 30;

    public Guid OrganizationId { get; set; }

    public int MembersActive { get; set; }

    /// <summary>Invitations still open (neither accepted, revoked nor expired).</summary>
    public int MembersInvited { get; set; }

    /// <summary>Members (or, for the platform, accounts) with a session used in the last <see cref="Days"/> days; support access not counted.</summary>
    public int ActiveLast30Days { get; set; }

    /// <summary>Sign-ins per UTC day, oldest first, the last one today: <see cref="Days"/> numbers.</summary>
    public int[] SignInsPerDay { get; set; } = [];

    /// <summary>The size of the organization's database (for the platform: all of them); null when it has none or its server did not answer.</summary>
    public long? DatabaseBytes { get; set; }

    /// <summary>The last audited event in the organization or sign-in of one of its members.</summary>
    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>Platform only: how long the last 100 successful provisionings took, median and 95th percentile.</summary>
    public int? ProvisioningP50Ms { get; set; }

    public int? ProvisioningP95Ms { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}
