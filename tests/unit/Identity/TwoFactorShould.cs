using System.Net;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.TwoFactor;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>
/// Two-factor sign-in through the real pages: enrolment with a code the test computes from the shared key (as an
/// authenticator app does), the second step with an app code or a recovery code, its refusals, its throttle,
/// races on one code, "remember this browser", and the rules that make it required.
/// </summary>
public sealed class TwoFactorShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Enrol_with_a_code_from_the_app_then_ask_for_a_code_after_the_password()
    {
        var email = await AccountAsync("enrol");
        var client = await SignedInAsync(email);

        var wrong = await PortalFactory.PostFormAsync(client, "/account/two-factor", "/account/two-factor?handler=Confirm", ("code", "000000"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode); // no key yet: set up first

        var app = await StartSetupAsync(client);
        var refused = await PortalFactory.PostFormAsync(client, "/account/two-factor", "/account/two-factor?handler=Confirm",
            ("code", app.WrongCode()), ("password", PortalFactory.Password));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(SecondFactor.WrongCode, (await PortalFactory.ParseAsync(refused)).QuerySelector("[data-testid=code-error]")?.TextContent);
        Assert.Contains("off", await TextAsync(client, "/account/me", "[data-testid=my-two-factor]"));

        var noPassword = await PortalFactory.PostFormAsync(client, "/account/two-factor", "/account/two-factor?handler=Confirm", ("code", app.NextCode()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPassword.StatusCode); // a borrowed session cannot bind the account to someone else's app
        Assert.NotNull((await PortalFactory.ParseAsync(noPassword)).QuerySelector("[data-testid=password-error]"));
        Assert.Contains("off", await TextAsync(client, "/account/me", "[data-testid=my-two-factor]"));

        var codes = await EnableAsync(client, app);
        Assert.Equal(SecondFactor.RecoveryCodeCount, codes.Count);
        Assert.Equal(SecondFactor.RecoveryCodeCount, codes.Distinct().Count());
        Assert.Contains("on", await TextAsync(client, "/account/me", "[data-testid=my-two-factor]"));

        // The password alone now opens nothing: the second step is asked for.
        var other = Portal.ClientFor();
        var password = await PortalFactory.SignInAsync(other, email);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Contains("secondstep=true", password.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/account/me")).StatusCode);
        Assert.Contains("/account/login", (await other.GetAsync("/account/me")).Headers.Location!.OriginalString);

        var bad = await SecondStepAsync(other, app.WrongCode());
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal(SecondFactor.WrongCode, (await PortalFactory.ParseAsync(bad)).QuerySelector("[data-testid=code-error]")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/account/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(other, app.NextCode())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task Refuse_a_code_already_used()
    {
        var email = await AccountAsync("replay");
        var app = await EnrolledAsync(email);
        var code = app.NextCode();

        var first = await PasswordStepAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(first, code)).StatusCode);

        var meanwhile = await PasswordStepAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(meanwhile, app.NextCode())).StatusCode); // a newer code does not make the older one good again

        var second = await PasswordStepAsync(email);
        var replayed = await SecondStepAsync(second, code);
        Assert.Equal(SecondFactor.WrongCode, (await PortalFactory.ParseAsync(replayed)).QuerySelector("[data-testid=code-error]")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task Take_each_recovery_code_once()
    {
        var email = await AccountAsync("recovery");
        var (app, codes) = await EnrolledWithCodesAsync(email);

        var first = await PasswordStepAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(first, codes[3].ToUpperInvariant())).StatusCode); // as typed, any case
        Assert.Equal("9", await TextAsync(first, "/account/two-factor", "[data-testid=recovery-codes-left]"));

        var again = await PasswordStepAsync(email);
        var spent = await SecondStepAsync(again, codes[3]);
        Assert.Equal(SecondFactor.WrongCode, (await PortalFactory.ParseAsync(spent)).QuerySelector("[data-testid=code-error]")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/account/me")).StatusCode);

        // New codes (for a current app code) make the old ones useless.
        var renewed = await PortalFactory.PostFormAsync(first, "/account/two-factor", "/account/two-factor?handler=RecoveryCodes", ("code", app.NextCode()));
        var newCodes = RecoveryCodes(await PortalFactory.ParseAsync(renewed));
        Assert.Equal(SecondFactor.RecoveryCodeCount, newCodes.Count);
        var old = await PasswordStepAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await SecondStepAsync(old, codes[4])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(old, newCodes[0])).StatusCode);
    }

    [Fact]
    public async Task Let_one_of_twenty_racing_requests_spend_a_recovery_code()
    {
        var email = await AccountAsync("race");
        var (_, codes) = await EnrolledWithCodesAsync(email);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 20; i++)
        {
            clients.Add(await PasswordStepAsync(email));
        }

        var tokens = await Task.WhenAll(clients.Select(c => PortalFactory.AntiforgeryTokenAsync(c, "/account/login?secondStep=true")));
        var answers = await Task.WhenAll(clients.Select((c, i) => c.PostAsync("/account/login?handler=SecondStep",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = codes[0], ["__RequestVerificationToken"] = tokens[i] }))));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{a.StatusCode}")); // refused, never failed
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        var signedIn = 0;
        foreach (var client in clients)
        {
            signedIn += (await client.GetAsync("/account/me")).StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.Equal(1, signedIn);
    }

    [Fact]
    public async Task Slow_down_guessing_at_the_second_step_as_at_the_first()
    {
        var email = await AccountAsync("guess");
        var app = await EnrolledAsync(email);
        var client = await PasswordStepAsync(email);

        var messages = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            messages.Add((await PortalFactory.ParseAsync(await SecondStepAsync(client, app.WrongCode()))).QuerySelector("[data-testid=code-error]")?.TextContent);
        }

        Assert.Equal(SignInThrottle.WaitMessage, messages[^1]);
        // While the delay runs, even the right code is not looked at.
        var right = await SecondStepAsync(client, app.NextCode());
        Assert.Equal(SignInThrottle.WaitMessage, (await PortalFactory.ParseAsync(right)).QuerySelector("[data-testid=code-error]")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task Slow_down_guessing_of_one_account_from_many_addresses()
    {
        var email = await AccountAsync("spread");
        var app = await EnrolledAsync(email);
        for (var i = 0; i < 10; i++)
        {
            var guesser = await PasswordStepAsync(email); // each from an address of its own
            Assert.Equal(SecondFactor.WrongCode, (await PortalFactory.ParseAsync(await SecondStepAsync(guesser, app.WrongCode()))).QuerySelector("[data-testid=code-error]")?.TextContent);
        }

        var next = await PasswordStepAsync(email);
        var right = await SecondStepAsync(next, app.NextCode());
        Assert.Equal(SignInThrottle.WaitMessage, (await PortalFactory.ParseAsync(right)).QuerySelector("[data-testid=code-error]")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task End_a_second_step_under_way_when_the_password_changes()
    {
        var email = await AccountAsync("changed");
        var app = await EnrolledAsync(email);
        var halfway = await PasswordStepAsync(email);

        var owner = await PasswordStepAsync(email);
        await SecondStepAsync(owner, app.NextCode());
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(owner, "/account/me", "/account/me?handler=Password",
            ("PasswordInput.Current", PortalFactory.Password), ("PasswordInput.New", "a brand new passphrase"), ("PasswordInput.Confirm", "a brand new passphrase"))).StatusCode);

        var late = await SecondStepAsync(halfway, app.NextCode());
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await halfway.GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task Remember_a_browser_until_signing_out_everywhere()
    {
        var email = await AccountAsync("remember");
        var app = await EnrolledAsync(email);
        var client = await PasswordStepAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(client, app.NextCode(), remember: true)).StatusCode);
        await PortalFactory.PostFormAsync(client, "/account/me", "/account/logout");

        var remembered = await PortalFactory.SignInAsync(client, email);
        Assert.DoesNotContain("secondstep", remembered.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(client, "/account/me", "/account/me?handler=EndAllSessions")).StatusCode);
        var forgotten = await PortalFactory.SignInAsync(client, email);
        Assert.Contains("secondstep=true", forgotten.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task Switch_off_only_with_a_current_code()
    {
        var email = await AccountAsync("off");
        var app = await EnrolledAsync(email);
        var client = await PasswordStepAsync(email);
        await SecondStepAsync(client, app.NextCode());

        var refused = await PortalFactory.PostFormAsync(client, "/account/two-factor", "/account/two-factor?handler=Disable", ("code", app.WrongCode()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("on", await TextAsync(client, "/account/me", "[data-testid=my-two-factor]"));

        var off = await PortalFactory.PostFormAsync(client, "/account/two-factor", "/account/two-factor?handler=Disable", ("code", app.NextCode()));
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Contains("off", await TextAsync(client, "/account/me", "[data-testid=my-two-factor]"));
        var password = await PortalFactory.SignInAsync(Portal.ClientFor(), email);
        Assert.DoesNotContain("secondstep", password.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ask_for_the_second_step_when_an_invitation_is_accepted_with_a_password()
    {
        var organization = await Portal.AddOrganizationAsync("tfa-invite");
        var email = await AccountAsync("invited");
        var app = await EnrolledAsync(email);
        var token = await Portal.InviteAsync(organization, email);

        var client = Portal.ClientFor("tfa-invite.localhost");
        var accepted = await PortalFactory.PostFormAsync(client, $"/invitations/accept?token={token}", "/invitations/accept",
            ("token", token), ("Input.Password", PortalFactory.Password));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("secondstep=true", accepted.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/users")).StatusCode); // the password alone signed nobody in

        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(client, app.NextCode())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users")).StatusCode);
    }

    [Fact]
    public async Task Lead_members_of_an_organization_that_requires_it_to_enrol_at_their_next_sign_in()
    {
        var organization = await Portal.AddOrganizationAsync("tfa-required");
        await Portal.AddOrganizationAsync("tfa-other");
        await Portal.AddUserAsync("admin@tfa-required.test", organization, MarketEdge.Portal.Catalog.MembershipRole.Admin);
        await Portal.AddUserAsync("member@tfa-required.test", organization);
        var member = await SignedInAsync("member@tfa-required.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await PortalFactory.PostFormAsync(member, "/account/me", "/o/tfa-required/settings?handler=TwoFactor", ("required", "true"))).StatusCode);

        var admin = await SignedInAsync("admin@tfa-required.test");
        Assert.Equal("2", await TextAsync(admin, "/o/tfa-required/settings", "[data-testid=members-without-two-factor] strong"));
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(admin, "/o/tfa-required/settings", "/o/tfa-required/settings?handler=TwoFactor", ("required", "true"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/o/tfa-required/")).StatusCode); // a session made before goes on

        var next = await SignedInAsync("member@tfa-required.test");
        var home = await next.GetAsync("/o/tfa-required/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/two-factor", home.Headers.Location!.OriginalString);
        Assert.Equal("/account/two-factor", (await next.GetAsync("/o/tfa-other/")).Headers.Location!.OriginalString); // not led to a page that refuses them
        Assert.Equal(HttpStatusCode.Forbidden, (await PortalFactory.PostFormAsync(next, "/account/two-factor", "/account/me?handler=Name", ("NameInput.DisplayName", "Sneaky"))).StatusCode);
        Assert.Contains("tfa-required Ltd requires", await TextAsync(next, "/account/two-factor", "[data-testid=two-factor-required]"));

        await EnableAsync(next, await StartSetupAsync(next));
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/o/tfa-required/")).StatusCode);
        var disable = await PortalFactory.PostFormAsync(next, "/account/me", "/account/two-factor?handler=Disable", ("code", "123456"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, disable.StatusCode);
    }

    [Fact]
    public async Task Lead_someone_signed_in_who_joins_an_organization_that_requires_it_to_enrol()
    {
        var strict = await Portal.AddOrganizationAsync("tfa-strict");
        await Portal.WithServiceAsync<int, MarketEdge.Portal.Catalog.CatalogDbContext>(catalog =>
            catalog.Organizations.Where(o => o.Id == strict.Id).ExecuteUpdateAsync(set => set.SetProperty(o => o.RequireTwoFactor, true)));
        var email = await AccountAsync("joiner");
        var client = Portal.ClientFor("tfa-strict.localhost");
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, email)).StatusCode);

        var token = await Portal.InviteAsync(strict, email);
        var accepted = await PortalFactory.PostFormAsync(client, $"/invitations/accept?token={token}", "/invitations/accept", ("token", token));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/two-factor", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Let_a_super_admin_without_it_only_enrol_when_required()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string> { ["Identity:SuperAdminsRequireTwoFactor"] = "true" });
        var client = portal.ClientFor();
        await PortalFactory.SignInAsync(client, PortalFactory.SuperAdminEmail);

        var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal("/account/two-factor", admin.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await PortalFactory.PostFormAsync(client, "/account/two-factor", "/admin/organizations/new", ("Input.Name", "Sneaky"))).StatusCode);
        Assert.Contains("Super admins must", await TextAsync(client, "/account/two-factor", "[data-testid=two-factor-required]"));

        var app = await StartSetupAsync(client);
        await EnableAsync(client, app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        var disable = await PortalFactory.PostFormAsync(client, "/account/two-factor", "/account/two-factor?handler=Disable", ("code", app.NextCode()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, disable.StatusCode);
        Assert.Contains("cannot be switched off", await disable.Content.ReadAsStringAsync());
    }

    private async Task<string> AccountAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@tfa.test";
        await Portal.AddUserAsync(email);
        return email;
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = Portal.ClientFor();
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, email)).StatusCode);
        return client;
    }

    /// <summary>A client whose password was accepted and which now owes the second step.</summary>
    private async Task<HttpClient> PasswordStepAsync(string email)
    {
        var client = Portal.ClientFor();
        var answer = await PortalFactory.SignInAsync(client, email);
        Assert.Contains("secondstep=true", answer.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        return client;
    }

    private static Task<HttpResponseMessage> SecondStepAsync(HttpClient client, string code, bool remember = false) =>
        PortalFactory.PostFormAsync(client, "/account/login?secondStep=true", "/account/login?handler=SecondStep",
            [("code", code), .. remember ? new[] { ("rememberBrowser", "true") } : []]);

    private async Task<AuthenticatorApp> EnrolledAsync(string email) => (await EnrolledWithCodesAsync(email)).App;

    private async Task<(AuthenticatorApp App, IReadOnlyList<string> Codes)> EnrolledWithCodesAsync(string email)
    {
        var client = await SignedInAsync(email);
        var app = await StartSetupAsync(client);
        return (app, await EnableAsync(client, app));
    }

    /// <summary>Starts setting up; an app holding the key the page shows for typing.</summary>
    private static async Task<AuthenticatorApp> StartSetupAsync(HttpClient client)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(client, "/account/two-factor", "/account/two-factor?handler=Start")).StatusCode);
        var page = await PortalFactory.ParseAsync(await client.GetAsync("/account/two-factor"));
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector("[data-testid=two-factor-qr]")?.GetAttribute("src"));
        return new AuthenticatorApp(page.QuerySelector("[data-testid=authenticator-key]")!.TextContent);
    }

    private static async Task<IReadOnlyList<string>> EnableAsync(HttpClient client, AuthenticatorApp app)
    {
        var enabled = await PortalFactory.PostFormAsync(client, "/account/two-factor", "/account/two-factor?handler=Confirm",
            ("code", app.NextCode()), ("password", PortalFactory.Password));
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        return RecoveryCodes(await PortalFactory.ParseAsync(enabled));
    }

    private static List<string> RecoveryCodes(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=recovery-codes] code").Select(c => c.TextContent).ToList();

    private static async Task<string?> TextAsync(HttpClient client, string path, string selector) =>
        (await PortalFactory.ParseAsync(await client.GetAsync(path))).QuerySelector(selector)?.TextContent;
}
