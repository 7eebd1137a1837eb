namespace MarketEdge.Portal.Identity.Sso;

/// <summary>Who the provider says the person is: an account is linked to exactly this pair, never to an email address.</summary>
public static class SsoClaims
{
    public const string Issuer = "marketedge:sso-issuer";
    public const string Subject = "marketedge:sso-subject";
}
