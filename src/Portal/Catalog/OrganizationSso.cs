namespace MarketEdge.Portal.Catalog;

/// <summary>
/// An organization's own OpenID Connect provider: people with an address at one of its verified domains sign in
/// there. The client secret is kept encrypted by ASP.NET Core data protection and never shown again.
/// </summary>
public sealed class OrganizationSso
{
    public const int AuthorityMaxLength = 500;
    public const int ClientIdMaxLength = 200;

    public Guid OrganizationId { get; set; }

    /// <summary>The provider's issuer URL; its /.well-known/openid-configuration is read from there.</summary>
    public required string Authority { get; set; }

    public required string ClientId { get; set; }

    public required string ProtectedClientSecret { get; set; }

    /// <summary>Members with an address at a verified domain may then not use a password in this organization.</summary>
    public bool RequireSso { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedByUserId { get; set; }
}
