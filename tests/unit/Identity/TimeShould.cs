using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>Rules about time, on a portal whose clock the test moves (nothing edits rows to pretend time passed).</summary>
public sealed class TimeShould : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private PortalFactory _portal = null!;

    public async Task InitializeAsync() => _portal = await PortalFactory.CreateAsync(clock: _clock);

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Expire_an_invitation_exactly_at_its_boundary()
    {
        var organization = await _portal.AddOrganizationAsync("time-expiry");
        var token = await _portal.InviteAsync(organization, "late@time-expiry.test");

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await _portal.ClientFor("time-expiry.localhost").GetAsync($"/invitations/accept?token={token}")).StatusCode);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await _portal.ClientFor("time-expiry.localhost").GetAsync($"/invitations/accept?token={token}");
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("expired", (await PortalFactory.ParseAsync(expired)).QuerySelector("[data-testid=invitation-problem]")?.TextContent);
    }

    [Fact]
    public async Task Keep_a_session_through_its_security_check_and_end_it_after_eight_idle_hours()
    {
        var organization = await _portal.AddOrganizationAsync("time-session");
        await _portal.AddUserAsync("steady@time-session.test", organization);
        var client = _portal.ClientFor("time-session.localhost");
        await PortalFactory.SignInAsync(client, "steady@time-session.test");

        _clock.Advance(TimeSpan.FromMinutes(5)); // past the one-minute security stamp interval: the principal is rebuilt
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode);

        _clock.Advance(TimeSpan.FromHours(9));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task Let_a_delayed_client_try_again_once_its_wait_is_over()
    {
        await _portal.AddUserAsync("patient@time.test");
        var client = _portal.ClientFor();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await PortalFactory.SignInAsync(client, "patient@time.test", "a wrong password each time");
        }

        Assert.Equal(HttpStatusCode.OK, (await PortalFactory.SignInAsync(client, "patient@time.test")).StatusCode); // still waiting

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, "patient@time.test")).StatusCode);
    }

    [Fact]
    public async Task Count_wrong_current_passwords_under_the_sign_in_delay()
    {
        await _portal.AddUserAsync("guessed@time.test");
        var client = _portal.ClientFor();
        await PortalFactory.SignInAsync(client, "guessed@time.test");
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await ChangePasswordAsync(client, "a wrong current password");
        }

        var withTheRightOne = await ChangePasswordAsync(client, PortalFactory.Password);
        Assert.Contains("wait a little", (await PortalFactory.ParseAsync(withTheRightOne)).QuerySelector("[data-valmsg-for='PasswordInput.Current']")?.TextContent);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Redirect, (await ChangePasswordAsync(client, PortalFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task Take_a_domain_code_until_its_24_hours_are_over_and_not_after()
    {
        var organization = await _portal.AddOrganizationAsync("time-domain");
        await _portal.AddUserAsync("admin@time-domain.test", organization, MembershipRole.Admin);
        var admin = _portal.ClientFor("time-domain.localhost");
        await PortalFactory.SignInAsync(admin, "admin@time-domain.test");
        var codes = new Dictionary<string, (Guid DomainId, string Code)>();
        foreach (var domain in new[] { "in-time.example", "too-late.example" })
        {
            await PortalFactory.PostFormAsync(admin, "/settings/domains", "/settings/domains?handler=Add", ("domain", domain), ("email", $"it@{domain}"));
            codes[domain] = await _portal.WithServiceAsync<(Guid, string), CatalogDbContext>(async c => (
                await c.OrganizationDomains.Where(d => d.Domain == domain).Select(d => d.Id).SingleAsync(),
                (await c.OutboxMessages.Where(m => m.To == $"it@{domain}").Select(m => m.Subject).SingleAsync())[..6]));
        }

        async Task<HttpResponseMessage> VerifyAsync(string domain)
        {
            await PortalFactory.SignInAsync(admin, "admin@time-domain.test"); // the session itself ended after eight idle hours
            return await PortalFactory.PostFormAsync(admin, "/settings/domains",
                $"/settings/domains?handler=Verify&domainId={codes[domain].DomainId}", ("code", codes[domain].Code));
        }

        _clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await VerifyAsync("in-time.example")).StatusCode);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var late = await VerifyAsync("too-late.example");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Equal("This code has expired, was used, or was tried too many times: send a new one.",
            (await PortalFactory.ParseAsync(late)).QuerySelector("[data-testid=domain-code-error]")?.TextContent);
        Assert.Equal(1, await _portal.WithServiceAsync<int, CatalogDbContext>(c => c.OrganizationDomains.CountAsync(d => d.VerifiedAt != null)));
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current) =>
        PortalFactory.PostFormAsync(client, "/account/me", "/account/me?handler=Password",
            ("PasswordInput.Current", current), ("PasswordInput.New", "another long passphrase"), ("PasswordInput.Confirm", "another long passphrase"));
}
