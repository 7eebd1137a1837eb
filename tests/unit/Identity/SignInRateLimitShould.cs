using System.Net;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.Identity;

public sealed class SignInRateLimitShould
{
    [Fact]
    public async Task Refuse_more_sign_in_attempts_than_allowed_per_minute_from_one_address()
    {
        await using var portal = await PortalFactory.CreateAsync(
            settings: new Dictionary<string, string> { ["Identity:SignInAttemptsPerMinute"] = "3" });
        var client = portal.ClientFor();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var allowed = await PortalFactory.SignInAsync(client, "guess@marketedge.test", "a guessed password");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var refused = await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Too many requests", (await PortalFactory.ParseAsync(refused)).QuerySelector("h1")?.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode); // the form itself still shows
    }
}
