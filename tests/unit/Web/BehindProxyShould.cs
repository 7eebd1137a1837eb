using System.Net;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.Web;

/// <summary>A portal whose public address is https, behind one known TLS proxy.</summary>
public sealed class BehindProxyShould : IAsyncLifetime
{
    private const string Proxy = "10.9.9.9";
    private PortalFactory _portal = null!;

    public async Task InitializeAsync() => _portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string>
    {
        ["Tenancy:RootDomain"] = "marketedge.test",
        ["Portal:PublicBaseUrl"] = "https://marketedge.test",
        ["Portal:KnownProxies"] = Proxy,
    });

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Believe_forwarded_https_from_the_known_proxy_only()
    {
        var throughProxy = ForwardedHttps(_portal.ClientFor("marketedge.test", Proxy));
        var pretender = ForwardedHttps(_portal.ClientFor("marketedge.test", "198.51.100.20"));

        var served = await throughProxy.GetAsync("/account/login");
        var redirected = await pretender.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.PermanentRedirect, redirected.StatusCode);
        Assert.Equal("https://marketedge.test/account/login", redirected.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Send_hsts_and_only_secure_host_prefixed_cookies_over_https()
    {
        var client = ForwardedHttps(_portal.ClientFor("marketedge.test", Proxy, scheme: "https"));

        var login = await client.GetAsync("/account/login");
        var signedIn = await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail);

        Assert.Contains("max-age=31536000", login.Headers.GetValues("Strict-Transport-Security").Single());
        var cookies = login.Headers.GetValues("Set-Cookie").Concat(signedIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("__Host-MarketEdge.Auth=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.StartsWith("__Host-", c);
            Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", c, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("marketedge.test.evil.example")]
    public async Task Refuse_hosts_outside_the_root_domain(string host)
    {
        var response = await ForwardedHttps(_portal.ClientFor(host, Proxy)).GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Serve_an_organizations_subdomain()
    {
        await _portal.AddOrganizationAsync("proxied");

        var response = await ForwardedHttps(_portal.ClientFor("proxied.marketedge.test", Proxy)).GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpClient ForwardedHttps(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        return client;
    }
}
