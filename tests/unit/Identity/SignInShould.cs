using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Pages.Account;
using MarketEdge.Portal.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MarketEdge.Portal.Tests.Identity;

public sealed class SignInShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Sign_in_although_another_request_changed_the_account_a_moment_before()
    {
        var email = "raced@signin.test";
        await Portal.AddUserAsync(email);
        await using var scope = Portal.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
        // A racing request (a counted second-step attempt, say) saves the account now: this request's copy is stale.
        await Portal.WithServiceAsync<int, CatalogDbContext>(catalog => catalog.Database.ExecuteSqlAsync(
            $"UPDATE \"AspNetUsers\" SET \"ConcurrencyStamp\" = {Guid.NewGuid().ToString()} WHERE \"Id\" = {user.Id}"));
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };

        await scope.ServiceProvider.GetRequiredService<PortalSignIn>().SignInAsync(user, CancellationToken.None);

        Assert.Equal(1, await Portal.WithServiceAsync<int, CatalogDbContext>(catalog => catalog.UserSessions.CountAsync(s => s.UserId == user.Id)));
        Assert.NotNull(await Portal.WithServiceAsync<DateTimeOffset?, CatalogDbContext>(catalog =>
            catalog.Users.Where(u => u.Id == user.Id).Select(u => u.LastSignInAt).SingleAsync()));
    }

    [Fact]
    public async Task Sign_in_the_bootstrapped_super_admin_and_open_the_admin_home()
    {
        var client = Portal.ClientFor();

        var response = await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("Admin home", (await PortalFactory.ParseAsync(admin)).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Refuse_a_sign_in_post_without_the_antiforgery_token()
    {
        var client = Portal.ClientFor();
        await client.GetAsync("/account/login"); // has the antiforgery cookie, but sends no token

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = PortalFactory.SuperAdminEmail,
            ["Input.Password"] = PortalFactory.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Request refused", (await PortalFactory.ParseAsync(response)).QuerySelector("h1")?.TextContent);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("MarketEdge.Auth")));
    }

    [Fact]
    public async Task Not_sign_in_with_a_wrong_password()
    {
        await Portal.AddUserAsync("wrong-password@marketedge.test");
        var client = Portal.ClientFor();

        var response = await PortalFactory.SignInAsync(client, "wrong-password@marketedge.test", "not the right password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(PortalSignIn.WrongCredentials, (await PortalFactory.ParseAsync(response)).QuerySelector("[role=alert]")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Say_what_is_missing_beside_each_field()
    {
        var client = Portal.ClientFor();

        var response = await PortalFactory.SignInAsync(client, "not-an-email", "");

        var page = await PortalFactory.ParseAsync(response);
        Assert.Contains("valid email address", page.QuerySelector("[data-valmsg-for='Input.Email']")?.TextContent);
        Assert.Contains("Enter your password", page.QuerySelector("[data-valmsg-for='Input.Password']")?.TextContent);
    }

    [Fact]
    public async Task Slow_a_guesser_down_without_locking_the_owner_out()
    {
        await Portal.AddUserAsync("owner@slow.test");
        var attacker = Portal.ClientFor();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await PortalFactory.SignInAsync(attacker, "owner@slow.test", "guessing the password wrong");
        }

        var attackerWithRightPassword = await PortalFactory.SignInAsync(attacker, "owner@slow.test");
        Assert.Equal(HttpStatusCode.OK, attackerWithRightPassword.StatusCode); // refused: this client must wait
        Assert.Contains(PortalSignIn.WrongCredentials, (await PortalFactory.ParseAsync(attackerWithRightPassword)).QuerySelector("[role=alert]")?.TextContent);

        var owner = await PortalFactory.SignInAsync(Portal.ClientFor(), "owner@slow.test");
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
    }

    [Fact]
    public async Task Answer_an_unknown_address_exactly_as_a_known_one_at_every_attempt()
    {
        await Portal.AddUserAsync("known@same.test");
        var known = Portal.ClientFor();
        var unknown = Portal.ClientFor();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var forKnown = await PortalFactory.SignInAsync(known, "known@same.test", "guessing the password wrong");
            var forUnknown = await PortalFactory.SignInAsync(unknown, "nobody@same.test", "guessing the password wrong");

            Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
            Assert.Equal(
                (await PortalFactory.ParseAsync(forKnown)).QuerySelector("[role=alert]")?.TextContent.Trim(),
                (await PortalFactory.ParseAsync(forUnknown)).QuerySelector("[role=alert]")?.TextContent.Trim());
        }
    }

    [Fact]
    public async Task Verify_a_password_hash_for_an_unknown_address_too()
    {
        var hashes = new CountingPasswordHasher();
        await using var portal = Portal.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<PortalUser>>(hashes)));

        await PortalFactory.SignInAsync(portal.CreateClient(), "nobody-at-all@hash.test", "some password or other");

        Assert.Equal(1, hashes.Verifications);
    }

    [Fact]
    public async Task Verify_the_unknown_addresses_stand_in_hash_at_the_cost_of_real_ones()
    {
        var hashes = new CountingPasswordHasher(new Microsoft.AspNetCore.Identity.PasswordHasherOptions { IterationCount = 1_234 });
        await using var portal = Portal.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<PortalUser>>(hashes)));

        await PortalFactory.SignInAsync(portal.CreateClient(), "nobody-either@hash.test", "some password or other");

        // Identity's format: version byte, algorithm (4 bytes), iteration count (4 bytes, big-endian), ...
        var stored = Convert.FromBase64String(Assert.Single(hashes.Verified));
        Assert.Equal(1_234, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(stored.AsSpan(5, 4)));
    }

    private sealed class CountingPasswordHasher(Microsoft.AspNetCore.Identity.PasswordHasherOptions? options = null)
        : Microsoft.AspNetCore.Identity.PasswordHasher<PortalUser>(Microsoft.Extensions.Options.Options.Create(options ?? new()))
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _verified = new();

        public int Verifications => _verified.Count;

        public IReadOnlyCollection<string> Verified => _verified;

        public override Microsoft.AspNetCore.Identity.PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            _verified.Enqueue(hashedPassword);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Sign_out_by_post_only()
    {
        var client = Portal.ClientFor();
        await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail);

        await client.GetAsync("/account/logout"); // a GET shows the button and signs nobody out
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);

        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/admin");
        var signOut = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Keep_the_session_to_the_host_that_issued_it()
    {
        var organization = await Portal.AddOrganizationAsync("cookie-scope");
        await Portal.AddUserAsync("member@cookie-scope.test", organization);
        var client = Portal.ClientFor("cookie-scope.localhost");
        var signIn = await PortalFactory.SignInAsync(client, "member@cookie-scope.test");

        var authCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("MarketEdge.Auth"));
        Assert.DoesNotContain("domain=", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", authCookie, StringComparison.OrdinalIgnoreCase);
    }
}
