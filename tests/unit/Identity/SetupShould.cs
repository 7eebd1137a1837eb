using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tests.Support;
using Microsoft.AspNetCore.Identity;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>First run, on a portal of its own with no super admin.</summary>
public sealed class SetupShould : IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public async Task InitializeAsync() => _portal = await PortalFactory.CreateAsync(bootstrapSuperAdmin: false, clock: new ManualClock(DateTimeOffset.UtcNow)); // the guessing delay must not run out while a slow machine tries

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Create_the_first_super_admin_once_and_then_refuse_for_ever()
    {
        var client = _portal.ClientFor();
        foreach (var path in new[] { "/", "/admin", "/account/login" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/setup", response.Headers.Location?.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        var created = await PostSetupAsync(client, "first@marketedge.test");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/account/login", created.Headers.Location?.OriginalString);

        var again = await client.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/account/login", again.Headers.Location?.OriginalString);

        var secondAttempt = await client.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.SetupCode"] = "any code at all",
            ["Input.DisplayName"] = "Intruder",
            ["Input.Email"] = "second@marketedge.test",
            ["Input.Password"] = PortalFactory.Password,
            ["Input.ConfirmPassword"] = PortalFactory.Password,
            ["__RequestVerificationToken"] = await PortalFactory.AntiforgeryTokenAsync(client, "/account/login"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, secondAttempt.StatusCode);

        var superAdmins = await _portal.WithServiceAsync<IList<PortalUser>, UserManager<PortalUser>>(
            users => users.GetUsersInRoleAsync(PortalRoles.SuperAdmin));
        Assert.Equal("first@marketedge.test", Assert.Single(superAdmins).Email);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, "first@marketedge.test")).StatusCode);
    }

    [Fact]
    public async Task Explain_each_bad_field_and_create_nothing()
    {
        var client = _portal.ClientFor();
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/setup");

        var response = await client.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.SetupCode"] = SetupCode(),
            ["Input.DisplayName"] = "",
            ["Input.Email"] = "nope",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "different",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalFactory.ParseAsync(response);
        Assert.Contains("Enter your name", page.QuerySelector("[data-valmsg-for='Input.DisplayName']")?.TextContent);
        Assert.Contains("valid email", page.QuerySelector("[data-valmsg-for='Input.Email']")?.TextContent);
        Assert.Contains("at least 12", page.QuerySelector("[data-valmsg-for='Input.Password']")?.TextContent);
        Assert.Contains("differ", page.QuerySelector("[data-valmsg-for='Input.ConfirmPassword']")?.TextContent);
        Assert.Equal(0, await _portal.WithServiceAsync<int, CatalogDbContext>(catalog => Task.FromResult(catalog.Users.Count())));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AAAA-BBBB-CCCC-DDDD")]
    public async Task Refuse_to_create_the_super_admin_without_the_setup_code(string? code)
    {
        var client = _portal.ClientFor();

        var response = await PostSetupAsync(client, "claimer@marketedge.test", code ?? "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("setup code", (await PortalFactory.ParseAsync(response)).QuerySelector("[data-valmsg-for='Input.SetupCode']")?.TextContent);
        Assert.Equal(0, await _portal.WithServiceAsync<int, CatalogDbContext>(catalog => Task.FromResult(catalog.Users.Count())));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Keep_the_setup_code_where_only_the_portals_own_user_can_read_it()
    {
        var file = Path.Combine(_portal.DataDirectory, "setup-code");
        _ = _portal.Services; // started: the code is made at start

        Assert.Matches("^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$", File.ReadAllText(file).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Slow_down_someone_guessing_the_setup_code()
    {
        var client = _portal.ClientFor();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await PostSetupAsync(client, "guesser@marketedge.test", $"GUESS-{attempt}");
        }

        var withTheRightCode = await PostSetupAsync(client, "guesser@marketedge.test");

        Assert.Contains("wait a little", (await PortalFactory.ParseAsync(withTheRightCode)).QuerySelector("[data-valmsg-for='Input.SetupCode']")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await PostSetupAsync(_portal.ClientFor(), "owner@marketedge.test")).StatusCode);
    }

    private string SetupCode()
    {
        _ = _portal.Services;
        return File.ReadAllText(Path.Combine(_portal.DataDirectory, "setup-code")).Trim();
    }

    private Task<HttpResponseMessage> PostSetupAsync(HttpClient client, string email) => PostSetupAsync(client, email, SetupCode());

    private static async Task<HttpResponseMessage> PostSetupAsync(HttpClient client, string email, string setupCode)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/setup");
        return await client.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.SetupCode"] = setupCode,
            ["Input.DisplayName"] = "First Admin",
            ["Input.Email"] = email,
            ["Input.Password"] = PortalFactory.Password,
            ["Input.ConfirmPassword"] = PortalFactory.Password,
            ["__RequestVerificationToken"] = token,
        }));
    }
}
