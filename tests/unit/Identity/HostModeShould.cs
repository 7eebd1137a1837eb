using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>With Tenancy:Mode = Host the switcher and sign-in send people to organizations' subdomains instead of their routes.</summary>
public sealed class HostModeShould
{
    [Fact]
    public async Task Send_the_switcher_and_the_sign_in_landing_to_the_subdomain()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string> { ["Tenancy:Mode"] = "Host" });
        var organization = await portal.AddOrganizationAsync("host-mode");
        await portal.AddUserAsync("member@host-mode.test", organization);
        var client = portal.ClientFor("localhost:5080");

        var landing = await PortalFactory.SignInAsync(client, "member@host-mode.test");
        var switched = await client.GetAsync("/switcher/host-mode");

        Assert.Equal("http://host-mode.localhost:5080/", landing.Headers.Location?.OriginalString);
        Assert.Equal("http://host-mode.localhost:5080/", switched.Headers.Location?.OriginalString);
    }
}
