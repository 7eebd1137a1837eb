using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MarketEdge.Portal.Identity.Sso;

/// <summary>
/// Checks an id_token the way OpenID Connect Core §3.1.3.7 asks: signature against the provider's
/// published keys (RS256 or ES256 only), issuer, audience (and the authorized party when there are
/// several audiences), expiry, and the nonce sent with the request. Returns the claims, or why the token
/// is refused; <see cref="Outcome.UnknownKey"/> when it names a key the provider has not published (yet).
/// </summary>
public static class IdTokenCheck
{
    public sealed record Outcome(ClaimsIdentity? Identity, string? Problem, bool UnknownKey = false);

    private static readonly string[] AcceptedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    public static async Task<Outcome> ValidateAsync(string idToken, OpenIdConnectConfiguration provider, string clientId, string expectedNonce)
    {
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(idToken))
        {
            return new Outcome(null, "the token is not valid");
        }

        var algorithm = new JsonWebToken(idToken).Alg;
        if (algorithm is null or "" or "none")
        {
            return new Outcome(null, "the token is not signed");
        }

        if (!AcceptedAlgorithms.Contains(algorithm))
        {
            return new Outcome(null, $"the token is signed with an algorithm that is not accepted ({algorithm})");
        }

        var result = await handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = provider.Issuer,
            ValidAudience = clientId,
            IssuerSigningKeys = provider.SigningKeys,
            ValidAlgorithms = AcceptedAlgorithms,
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
            }, UnknownKey: result.Exception is SecurityTokenSignatureKeyNotFoundException && !NamesKnownKey(idToken, provider));
        }

        var audiences = result.ClaimsIdentity.FindAll("aud").Select(c => c.Value).ToList();
        var authorizedParty = result.ClaimsIdentity.FindFirst("azp")?.Value;
        if ((audiences.Count > 1 || authorizedParty is not null) && authorizedParty != clientId)
        {
            return new Outcome(null, "the token's authorized party (azp) is not this application");
        }

        var nonce = result.ClaimsIdentity.FindFirst("nonce")?.Value;
        return nonce is not null && CryptographicEquals(nonce, expectedNonce)
            ? new Outcome(result.ClaimsIdentity, null)
            : new Outcome(null, "the token does not answer this sign-in (nonce mismatch)");
    }

    private static bool NamesKnownKey(string idToken, OpenIdConnectConfiguration provider) =>
        new JsonWebToken(idToken).Kid is { } kid && provider.SigningKeys.Any(k => k.KeyId == kid);

    private static bool CryptographicEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));
}
