using System.ComponentModel.DataAnnotations;

namespace MarketEdge.Portal.Identity;

/// <summary>Settings under "Identity".</summary>
public sealed class SignInLimitOptions
{
    public const string RateLimitPolicy = "sign-in";

    /// <summary>Sign-in attempts (POSTs) one client address may make per minute, on top of per-account lockout.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 20;
}
