using System.ComponentModel.DataAnnotations;

namespace MarketEdge.Portal.Identity;

/// <summary>Settings under "Identity": how fast sign-ins and invitation changes may come.</summary>
public sealed class SignInLimitOptions
{
    public const string RateLimitPolicy = "sign-in";
    public const string InvitationRateLimitPolicy = "invitations";

    /// <summary>Sign-in attempts (POSTs) one client address may make per minute, on top of the growing delay per account and client (SignInThrottle).</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 20;

    /// <summary>Changes (POSTs) to users and invitations one signed-in person may make per minute.</summary>
    [Range(1, 10_000)]
    public int InvitationChangesPerMinute { get; set; } = 30;
}
