namespace MarketEdge.Portal.Catalog;

/// <summary>
/// One signed-in browser. Its cookie names it, and the cookie is honoured only while this row is open,
/// so signing out (here, or "sign out everywhere" from another device) ends it on the server.
/// </summary>
public sealed class UserSession
{
    public const int DeviceMaxLength = 300;
    public const int WhereMaxLength = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    /// <summary>The browser as it described itself (User-Agent), shortened.</summary>
    public string Device { get; set; } = "";

    /// <summary>The host the session was signed in on: the root domain or an organization's subdomain.</summary>
    public string Where { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the session ends by itself (support access: 30 minutes); none for a person's own sign-in.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>
    /// The super admin viewing the portal as this person (support access), their own session (this one lasts only while
    /// that one is open), and in which organization.
    /// </summary>
    public Guid? SupportByUserId { get; set; }

    public Guid? SupportBySessionId { get; set; }

    public Guid? SupportOrganizationId { get; set; }
}
