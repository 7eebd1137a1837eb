using System.Security.Claims;
using System.Security.Cryptography;
using MarketEdge.Portal.Identity.Sso;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MarketEdge.Portal.Tests.Identity;

public sealed class IdTokenCheckShould
{
    private const string Issuer = "https://idp.example.test";
    private const string ClientId = "marketedge";
    private const string Nonce = "the-nonce-we-sent";

    private static readonly RsaSecurityKey ProviderRsa = new(RSA.Create(2048)) { KeyId = "rsa-1" };
    private static readonly ECDsaSecurityKey ProviderEc = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-1" };
    private static readonly OpenIdConnectConfiguration Provider = CreateProvider();

    [Fact]
    public async Task Accept_a_token_signed_with_rs256_or_es256_for_us_with_our_nonce()
    {
        foreach (var credentials in new[]
        {
            new SigningCredentials(ProviderRsa, SecurityAlgorithms.RsaSha256),
            new SigningCredentials(ProviderEc, SecurityAlgorithms.EcdsaSha256),
        })
        {
            var outcome = await IdTokenCheck.ValidateAsync(Token(credentials), Provider, ClientId, Nonce);

            Assert.Null(outcome.Problem);
            Assert.Equal("ada@example.test", outcome.Identity?.FindFirst("email")?.Value);
        }
    }

    [Theory]
    [InlineData("bad-signature", "signature does not verify")]
    [InlineData("wrong-audience", "issued for another application")]
    [InlineData("wrong-issuer", "issued by another provider")]
    [InlineData("wrong-nonce", "nonce mismatch")]
    [InlineData("no-nonce", "nonce mismatch")]
    [InlineData("expired", "expired")]
    [InlineData("hs256", "not")]
    public async Task Refuse_a_token_that_is_not_for_this_sign_in(string defect, string problem)
    {
        var token = defect switch
        {
            "bad-signature" => Token(new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-1" }, SecurityAlgorithms.RsaSha256)),
            "wrong-audience" => Token(audience: "someone-else"),
            "wrong-issuer" => Token(issuer: "https://evil.example.test"),
            "wrong-nonce" => Token(nonce: "a-replayed-nonce"),
            "no-nonce" => Token(nonce: null),
            "expired" => Token(expires: DateTime.UtcNow.AddMinutes(-10)),
            _ => Token(new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "rsa-1" }, SecurityAlgorithms.HmacSha256)),
        };

        var outcome = await IdTokenCheck.ValidateAsync(token, Provider, ClientId, Nonce);

        Assert.Null(outcome.Identity);
        Assert.Contains(problem, outcome.Problem);
    }

    private static string Token(
        SigningCredentials? credentials = null, string audience = ClientId, string issuer = Issuer, string? nonce = Nonce, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["email"] = "ada@example.test", ["email_verified"] = true, ["sub"] = "ada" };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        var expiry = expires ?? DateTime.UtcNow.AddMinutes(5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expiry.AddMinutes(-10),
            NotBefore = expiry.AddMinutes(-10),
            Expires = expiry,
            SigningCredentials = credentials ?? new SigningCredentials(ProviderRsa, SecurityAlgorithms.RsaSha256),
        });
    }

    private static OpenIdConnectConfiguration CreateProvider()
    {
        var provider = new OpenIdConnectConfiguration { Issuer = Issuer };
        provider.SigningKeys.Add(ProviderRsa);
        provider.SigningKeys.Add(ProviderEc);
        return provider;
    }
}
