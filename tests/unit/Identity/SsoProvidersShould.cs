using System.Net;
using MarketEdge.Portal.Identity.Sso;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>What makes an organization's provider unusable: another's issuer, endpoints in clear, an address inside the portal's network.</summary>
public sealed class SsoProvidersShould
{
    private static readonly SsoProviders Production = new(
        new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(),
        new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" },
        NullLogger<SsoProviders>.Instance);

    [Fact]
    public void Refuse_a_provider_that_calls_itself_by_another_issuer()
    {
        var speaksForAnother = Discovered("https://login.platform.example");
        Assert.Equal("The provider calls itself https://login.platform.example, not https://login.odeon.example: enter its issuer exactly.",
            Production.Problem(speaksForAnother, "https://login.odeon.example"));
        Assert.Null(Production.Problem(Discovered("https://login.odeon.example/"), "https://login.odeon.example"));
    }

    [Fact]
    public void Refuse_an_endpoint_in_clear()
    {
        var configuration = Discovered("https://login.odeon.example");
        configuration.TokenEndpoint = "http://login.odeon.example/token";
        Assert.Equal("The provider names an endpoint that is not https: its tokens would travel in clear.", Production.Problem(configuration, "https://login.odeon.example"));
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    public void Reach_only_public_addresses(string address, bool reachable) => Assert.Equal(reachable, ProviderHttp.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task Not_connect_to_the_portals_own_network_when_asked_to_test_it()
    {
        var check = await Production.CheckAsync("https://127.0.0.1:9", CancellationToken.None);
        Assert.False(check.Succeeded);
        Assert.StartsWith("Could not read https://127.0.0.1:9/.well-known/openid-configuration", check.Message);
    }

    private static OpenIdConnectConfiguration Discovered(string issuer) => new()
    {
        Issuer = issuer,
        AuthorizationEndpoint = $"{issuer.TrimEnd('/')}/auth",
        TokenEndpoint = $"{issuer.TrimEnd('/')}/token",
        JwksUri = $"{issuer.TrimEnd('/')}/jwks",
    };
}
