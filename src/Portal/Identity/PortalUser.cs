using Microsoft.AspNetCore.Identity;

namespace MarketEdge.Portal.Identity;

/// <summary>A global account: one person, one login, any number of memberships.</summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>The organization this person last switched to: signing in again lands there.</summary>
    public Guid? LastOrganizationId { get; set; }
}
