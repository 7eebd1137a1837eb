namespace MarketEdge.Portal.Identity.Sso;

/// <summary>Who the provider says the person is: an account is linked to exactly this pair, never to an email address.</summary>
public static class SsoClaims
{
    public const string Issuer = "marketedge:sso-issuer";
    public const string Subject = "marketedge:sso-subject";

    /// <summary>On a sign-in through an organization's own provider: that organization's id.</summary>
    public const string Organization = "marketedge:sso-organization";

    /// <summary>The session's "amr" value after signing in through organization <paramref name="organizationId"/>'s provider.</summary>
    public static string OrganizationMethod(Guid organizationId) => $"sso:{organizationId:N}";

    public static bool IsOrganizationMethod(string amr) => amr.StartsWith("sso:", StringComparison.Ordinal);
}
