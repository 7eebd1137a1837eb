using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MarketEdge.Portal.Identity.Sso;

/// <summary>
/// Checks an id_token the way OpenID Connect Core §3.1.3.7 asks: signature against the provider's
/// published keys (RS256 or ES256 only), issuer, audience, expiry, and the nonce sent with the request.
/// Returns the claims, or why the token is refused.
/// </summary>
public static class IdTokenCheck
{
    public sealed record Outcome(ClaimsIdentity? Identity, string? Problem);

    public static async Task<Outcome> ValidateAsync(string idToken, OpenIdConnectConfiguration provider, string clientId, string expectedNonce)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = provider.Issuer,
            ValidAudience = clientId,
            IssuerSigningKeys = provider.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        });
        if (!result.IsValid)
        {
            return new Outcome(null, result.Exception switch
            {
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature does not verify against the provider's keys",
                SecurityTokenInvalidAudienceException => "the token was issued for another application",
                SecurityTokenInvalidIssuerException => "the token was issued by another provider",
                SecurityTokenExpiredException => "the token has expired",
                SecurityTokenInvalidAlgorithmException => "the token is signed with an algorithm that is not accepted",
                _ => "the token is not valid",
            });
        }

        var nonce = result.ClaimsIdentity.FindFirst("nonce")?.Value;
        return nonce is not null && CryptographicEquals(nonce, expectedNonce)
            ? new Outcome(result.ClaimsIdentity, null)
            : new Outcome(null, "the token does not answer this sign-in (nonce mismatch)");
    }

    private static bool CryptographicEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
