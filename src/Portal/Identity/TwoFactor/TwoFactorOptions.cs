namespace MarketEdge.Portal.Identity.TwoFactor;

/// <summary>Settings under "Identity" about the second factor.</summary>
public sealed class TwoFactorOptions
{
    /// <summary>
    /// Super admins must sign in with two factors: after a password sign-in without it they can only enrol.
    /// On by default; automation and the test harness may switch it off.
    /// </summary>
    public bool SuperAdminsRequireTwoFactor { get; set; } = true;
}
