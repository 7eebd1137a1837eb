using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Tests.Tenancy;

public sealed class HostStrategyShould
{
    [Theory]
    [InlineData("odeon.localhost", "odeon")]                     // the plain case
    [InlineData("odeon.localhost:5080", "odeon")]                // any port
    [InlineData("odeon.localhost:443", "odeon")]
    [InlineData("ODEON.LocalHost", "odeon")]                     // hosts are case-insensitive; slugs are lower case
    [InlineData("odeon.localhost.", "odeon")]                    // fully qualified, trailing dot
    [InlineData("vue-cinemas.localhost", "vue-cinemas")]
    [InlineData("a.b.localhost", "a.b")]                         // nested: reported whole, so it resolves to "not found"
    [InlineData("nosuch.localhost", "nosuch")]                   // unknown slugs are still identified; the store decides
    public void Identify_the_subdomain_of_the_root_domain(string host, string expected) =>
        Assert.Equal(expected, Identify(host, "localhost"));

    [Theory]
    [InlineData("localhost")]                                    // the root domain itself is the platform
    [InlineData("localhost:5080")]
    [InlineData("www.localhost")]                                // www is the platform too
    [InlineData("WWW.localhost:5080")]
    [InlineData("127.0.0.1")]                                    // bare IPs
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]:5080")]
    [InlineData("odeon.example.com")]                            // another domain altogether
    [InlineData("notlocalhost")]                                 // shares the suffix but not as a label
    [InlineData("")]
    public void Find_no_organization_on_the_platform_hosts(string host) =>
        Assert.Null(Identify(host, "localhost"));

    [Theory]
    [InlineData("odeon.marketedge.example", "marketedge.example", "odeon")]
    [InlineData("odeon.MarketEdge.Example:8443", "marketedge.example", "odeon")]
    [InlineData("marketedge.example", "marketedge.example", null)]
    [InlineData("odeon.localhost", "marketedge.example", null)]
    public void Honour_the_configured_root_domain(string host, string rootDomain, string? expected) =>
        Assert.Equal(expected, Identify(host, rootDomain));

    private static string? Identify(string host, string rootDomain)
    {
        var strategy = new HostStrategy(Options.Create(new TenancyOptions { RootDomain = rootDomain }));
        var context = new DefaultHttpContext();
        context.Request.Host = HostString.FromUriComponent(host);
        return strategy.GetIdentifierAsync(context).GetAwaiter().GetResult();
    }
}
