using System.Net;
using System.Text.RegularExpressions;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

public sealed class SharedPortal : IAsyncLifetime
{
    public PortalProcess Portal { get; private set; } = null!;

    public async Task InitializeAsync() => Portal = await PortalProcess.StartAsync();

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

public sealed class VisitorJourneysShould(BrowserFixture browser, SharedPortal shared) : IClassFixture<SharedPortal>, IClassFixture<BrowserFixture>
{
    private PortalProcess Portal => shared.Portal;

    [Fact]
    public async Task Send_an_anonymous_visitor_of_an_admin_page_to_sign_in() =>
        await browser.RunAsync(nameof(Send_an_anonymous_visitor_of_an_admin_page_to_sign_in), async page =>
        {
            await page.GotoAsync(Portal.Url(path: "/admin"));

            await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fadmin$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        });

    [Fact]
    public async Task Sign_the_super_admin_in_to_the_admin_home() =>
        await browser.RunAsync(nameof(Sign_the_super_admin_in_to_the_admin_home), async page =>
        {
            await SignInPage.SignInAsync(page, Portal);

            await Expect(page).ToHaveURLAsync(Portal.Url(path: "/admin"));
            await Expect(page.GetByTestId("recent-activity")).ToContainTextAsync("account.signed-in");
        });

    [Fact]
    public async Task Not_sign_in_with_a_wrong_password() =>
        await browser.RunAsync(nameof(Not_sign_in_with_a_wrong_password), async page =>
        {
            await SignInPage.SignInAsync(page, Portal, password: "this is not the password");

            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("do not match an account");
            await page.GotoAsync(Portal.Url(path: "/admin"));
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        });

    [Theory]
    [InlineData("nosuch.localhost", "/")]
    [InlineData("localhost", "/o/nosuch/")]
    public async Task Show_the_not_found_page_for_an_unknown_organization(string host, string path) =>
        await browser.RunAsync($"unknown-organization-{host}", async page =>
        {
            var response = await page.GotoAsync(Portal.Url(host, path));

            Assert.Equal(404, response?.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Organization not found" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("error-page")).ToContainTextAsync("nosuch");
        });

    [Fact]
    public async Task Show_the_forbidden_page_for_a_suspended_organization()
    {
        await PortalDatabase.AddOrganizationAsync(Portal, "suspended-co", "Suspended Co", "Suspended");

        await browser.RunAsync(nameof(Show_the_forbidden_page_for_a_suspended_organization), async page =>
        {
            foreach (var (host, path) in new[] { ("suspended-co.localhost", "/"), ("localhost", "/o/suspended-co/") })
            {
                var response = await page.GotoAsync(Portal.Url(host, path));

                Assert.Equal(403, response?.Status);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Organization unavailable" })).ToBeVisibleAsync();
            }
        });
    }

    [Fact]
    public async Task Refuse_a_sign_in_post_without_the_antiforgery_token_with_400()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        await client.GetAsync(Portal.Url(path: "/account/login"));

        var response = await client.PostAsync(Portal.Url(path: "/account/login"), new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["Input.Email"] = PortalProcess.SuperAdminEmail,
                ["Input.Password"] = PortalProcess.Password,
            }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith("MarketEdge.Auth", StringComparison.Ordinal)));
    }
}
