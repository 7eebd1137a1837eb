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
    [InlineData("hs256", "signed with an algorithm that is not accepted")]
    [InlineData("alg-none", "not signed")]
    [InlineData("several-audiences-no-azp", "authorized party")]
    [InlineData("azp-of-another-client", "authorized party")]
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
            "alg-none" => Unsigned(),
            "several-audiences-no-azp" => Token(audiences: [ClientId, "another-client"]),
            "azp-of-another-client" => Token(authorizedParty: "another-client"),
            _ => Token(new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "rsa-1" }, SecurityAlgorithms.HmacSha256)),
        };

        var outcome = await IdTokenCheck.ValidateAsync(token, Provider, ClientId, Nonce);

        Assert.Null(outcome.Identity);
        Assert.Contains(problem, outcome.Problem);
    }

    [Fact]
    public async Task Accept_several_audiences_when_the_authorized_party_is_us()
    {
        var outcome = await IdTokenCheck.ValidateAsync(Token(audiences: [ClientId, "another-client"], authorizedParty: ClientId), Provider, ClientId, Nonce);

        Assert.Null(outcome.Problem);
    }

    [Fact]
    public async Task Say_when_a_token_names_a_key_the_provider_has_not_published_yet()
    {
        var rotated = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-2" };

        var outcome = await IdTokenCheck.ValidateAsync(Token(new SigningCredentials(rotated, SecurityAlgorithms.RsaSha256)), Provider, ClientId, Nonce);

        Assert.True(outcome.UnknownKey);
        var refreshed = CreateProvider();
        refreshed.SigningKeys.Add(rotated);
        Assert.Null((await IdTokenCheck.ValidateAsync(Token(new SigningCredentials(rotated, SecurityAlgorithms.RsaSha256)), refreshed, ClientId, Nonce)).Problem);
    }

    private static string Unsigned()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode($$"""{"iss":"{{Issuer}}","aud":"{{ClientId}}","sub":"ada","email":"ada@example.test","email_verified":true,"nonce":"{{Nonce}}","iat":{{now}},"exp":{{now + 300}}}""");
        return $"{header}.{payload}.";
    }

    private static string Token(
        SigningCredentials? credentials = null, string audience = ClientId, string issuer = Issuer, string? nonce = Nonce, DateTime? expires = null,
        string[]? audiences = null, string? authorizedParty = null)
    {
        var claims = new Dictionary<string, object> { ["email"] = "ada@example.test", ["email_verified"] = true, ["sub"] = "ada" };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        if (audiences is not null)
        {
            claims["aud"] = audiences;
        }

        if (authorizedParty is not null)
        {
            claims["azp"] = authorizedParty;
        }

        var expiry = expires ?? DateTime.UtcNow.AddMinutes(5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audiences is null ? audience : null,
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
