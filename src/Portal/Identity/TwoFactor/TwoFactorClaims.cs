namespace MarketEdge.Portal.Identity.TwoFactor;

/// <summary>What a session says about how it was signed in ("amr", RFC 8176) and what it still owes.</summary>
public static class TwoFactorClaims
{
    public const string MethodType = "amr";
    public const string Password = "pwd";
    public const string SecondFactor = "mfa";

    /// <summary>
    /// A password session of someone who must have two-factor sign-in and has not set it up: it opens nothing
    /// but the enrolment page (<see cref="EnrolmentGate"/>) until they do.
    /// </summary>
    public const string MustEnrol = "marketedge:must-enrol-two-factor";
}
