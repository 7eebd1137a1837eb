namespace MarketEdge.Portal.Catalog;

/// <summary>
/// An email domain an organization claims (<c>odeon.co.uk</c>): unverified until someone at an address there
/// types the code emailed to it (only a hash of the code is kept); then the organization's alone, and its
/// join policy says what people with an address there may do.
/// </summary>
public sealed class OrganizationDomain
{
    public const int DomainMaxLength = 253;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    /// <summary>Lower case, international names in their ASCII (punycode) form.</summary>
    public required string Domain { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? AddedByUserId { get; set; }

    /// <summary>Where the current code was sent: an address at <see cref="Domain"/>.</summary>
    public string? CodeSentTo { get; set; }

    public string? CodeHash { get; set; }

    public DateTimeOffset? CodeExpiresAt { get; set; }

    /// <summary>Wrong codes typed since the current one was sent; at the limit the code stops working.</summary>
    public int FailedAttempts { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    public JoinPolicy JoinPolicy { get; set; } = JoinPolicy.Off;

    /// <summary>The role of someone who joins automatically: never Admin.</summary>
    public MembershipRole JoinRole { get; set; } = MembershipRole.Viewer;
}

/// <summary>What someone with a proven address at a verified domain may do about its organization.</summary>
public enum JoinPolicy
{
    /// <summary>Nothing: they need an invitation.</summary>
    Off,

    /// <summary>Ask; an Admin approves or declines on the users page.</summary>
    Request,

    /// <summary>Join at once, with the domain's role.</summary>
    Automatic,
}
