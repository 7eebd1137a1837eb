using MarketEdge.Portal.Tests.Support;
using System.Net;
using System.Text.RegularExpressions;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>One portal with one organization ("hardening") whose Admin has accepted with a password.</summary>
public sealed class HardenedPortal : IAsyncLifetime
{
    public const string Slug = "hardening";
    public const string Admin = "admin@hardening.test";

    public PortalProcess Portal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Many sign-ins from one loopback address: the per-address budget is not what these journeys try.
        Portal = await PortalProcess.StartAsync(settings: new Dictionary<string, string> { ["Identity__SignInAttemptsPerMinute"] = "500" });
        using (var superAdmin = await PortalClient.SignedInAsync(Portal))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await superAdmin.CreateOrganizationAsync("Hardening Ltd", Slug)).StatusCode);
        }

        await AcceptAsync(await PortalDatabase.InvitationLinkAsync(Portal, Admin), "Ada Admin");
    }

    /// <summary>Accepts an invitation as a new person, with a name and the usual password.</summary>
    public Task AcceptAsync(string link, string name) => PortalClient.AcceptInvitationAsync(Portal, link, name);

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

/// <summary>The holes of the security review, tried in Chromium as a user or an attacker would.</summary>
public sealed class HardeningShould(BrowserFixture browser, HardenedPortal hardened) : IClassFixture<HardenedPortal>, IClassFixture<BrowserFixture>
{
    private PortalProcess Portal => hardened.Portal;

    private string Org(string path) => Portal.Url($"{HardenedPortal.Slug}.localhost", path);

    [Fact]
    public async Task Refuse_a_bad_address_and_deliver_past_a_message_that_fails()
    {
        await browser.RunAsync("bad-address", async page =>
        {
            await SignInPage.SignInAsync(page, Portal, HardenedPortal.Admin, host: $"{HardenedPortal.Slug}.localhost");
            await page.GotoAsync(Org("/users"));
            await UsersPage.InviteAsync(page, "x@y..z", "User");
            await Expect(page.GetByTestId("invite-email-error")).ToContainTextAsync("valid email address");
            await Expect(page.GetByTestId("invitations").Locator("tr[data-email='x@y..z']")).ToHaveCountAsync(0);

            // A message that cannot be delivered waits ahead of the next one (as one made before addresses were
            // checked would), on its last attempt: it will be set aside as Failed at once.
            await PortalDatabase.ScalarAsync<int>(Portal,
                "INSERT INTO \"OutboxMessages\" (\"Id\", \"To\", \"Subject\", \"Body\", \"CreatedAt\", \"Attempts\") VALUES (gen_random_uuid(), 'x@y..z', 'Undeliverable', 'Hello', now() - interval '1 minute', 4)");
            await UsersPage.InviteAsync(page, "good@hardening.test", "User");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Invitation sent to good@hardening.test.");
        });

        await browser.RunAsync("outbox", async page =>
        {
            await SignInPage.SignInAsync(page, Portal);
            var good = page.Locator("[data-testid=outbox-message][data-to='good@hardening.test']");
            var bad = page.Locator("[data-testid=outbox-message][data-to='x@y..z']");
            await Eventually.ValueAsync(async () =>
            {
                await page.GotoAsync(Portal.Url(path: "/admin/outbox")); // the outbox page as a super admin reloads it
                return await good.CountAsync() == 1 && await good.GetAttributeAsync("data-state") == "delivered"
                    && await bad.CountAsync() == 1 && await bad.GetAttributeAsync("data-state") == "failed";
            }, settled => settled, TimeSpan.FromSeconds(30));

            await Expect(good).ToHaveAttributeAsync("data-state", "delivered");
            await Expect(bad).ToHaveAttributeAsync("data-state", "failed");
            await Expect(bad.GetByTestId("outbox-error")).ToContainTextAsync("not one that can be sent to");

            await bad.Locator("summary", new() { HasText = "Discard" }).ClickAsync();
            await bad.GetByRole(AriaRole.Button, new() { Name = "Discard this message" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The message was discarded.");
            await Expect(bad).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task Answer_every_failed_sign_in_alike_and_keep_the_owner_in()
    {
        await browser.RunAsync("enumeration", async page =>
        {
            for (var attempt = 1; attempt <= 6; attempt++)
            {
                var forKnown = await FailedSignInAsync(page, PortalProcess.SuperAdminEmail);
                var forUnknown = await FailedSignInAsync(page, "nobody-at-all@hardening.test");
                Assert.Equal(forKnown, forUnknown);
            }
        });

        // Guessing is slowed (a few seconds after these failures), but the owner is not locked out for long.
        await Task.Delay(TimeSpan.FromSeconds(9));
        await browser.RunAsync("owner-gets-in", async page =>
        {
            await SignInPage.SignInAsync(page, Portal);
            await Expect(page).ToHaveURLAsync(Portal.Url(path: "/admin"));
        });
    }

    [Fact]
    public async Task Accept_an_invitation_once_when_two_tabs_race()
    {
        using (var admin = await PortalClient.SignedInAsync(Portal, HardenedPortal.Admin, $"{HardenedPortal.Slug}.localhost"))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/users", "/users?handler=Invite", ("email", "twice@hardening.test"), ("role", "Viewer"))).StatusCode);
        }

        var link = await PortalDatabase.InvitationLinkAsync(Portal, "twice@hardening.test");
        await browser.RunAsync("first-tab", async first =>
            await browser.RunAsync("second-tab", async second =>
            {
                foreach (var tab in new[] { first, second })
                {
                    await tab.GotoAsync(link);
                    await tab.GetByLabel("Your name").FillAsync("Twice");
                    await tab.GetByLabel("Choose a password").FillAsync(PortalProcess.Password);
                }

                await Task.WhenAll(
                    first.GetByRole(AriaRole.Button, new() { Name = "Accept and sign in" }).ClickAsync(),
                    second.GetByRole(AriaRole.Button, new() { Name = "Accept and sign in" }).ClickAsync());

                foreach (var tab in new[] { first, second })
                {
                    await Expect(tab.Locator("[data-testid=organization-title], [data-testid=invitation-problem], [role=alert]").First).ToBeVisibleAsync();
                }

                var landed = new[] { first, second }.Where(tab => tab.Url == Org("/")).ToList();
                var refused = Assert.Single(new[] { first, second }.Except(landed));
                Assert.Single(landed);
                await Expect(refused.Locator("[data-testid=invitation-problem], [role=alert]").First).ToContainTextAsync("already been used");
            }));

        Assert.Equal(1, await PortalDatabase.CountAsync(Portal,
            "SELECT count(*) FROM \"Memberships\" m JOIN \"AspNetUsers\" u ON u.\"Id\" = m.\"UserId\" WHERE u.\"Email\" = 'twice@hardening.test'"));
        Assert.Equal(1, await PortalDatabase.CountAsync(Portal,
            "SELECT count(*) FROM \"AuditEvents\" WHERE \"Action\" = 'invitation.accepted' AND \"Details\" LIKE 'twice@hardening.test%'"));
    }

    [Fact]
    public async Task Refuse_a_forged_role() =>
        await browser.RunAsync("forged-role", async page =>
        {
            await SignInPage.SignInAsync(page, Portal, HardenedPortal.Admin, host: $"{HardenedPortal.Slug}.localhost");
            await page.GotoAsync(Org("/users"));
            await page.GetByTestId("invite").Locator("summary").ClickAsync();
            // What a tampering admin would send: a role value the form never offers.
            await page.Locator("#invite-role option[value=Viewer]").EvaluateAsync("option => option.value = '99'");
            await page.GetByLabel("Email").FillAsync("forged@hardening.test");
            await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("99");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

            await Expect(page.GetByTestId("invite-role-error")).ToHaveTextAsync("Choose a role: Admin, User or Viewer.");
            Assert.Equal(0, await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM \"Invitations\" WHERE \"Email\" = 'forged@hardening.test'"));
        });

    [Fact]
    public async Task Refuse_a_copied_cookie_after_sign_out_and_sign_out_everywhere()
    {
        const string person = "owen@hardening.test";
        using (var admin = await PortalClient.SignedInAsync(Portal, HardenedPortal.Admin, $"{HardenedPortal.Slug}.localhost"))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/users", "/users?handler=Invite", ("email", person), ("role", "User"))).StatusCode);
        }

        await hardened.AcceptAsync(await PortalDatabase.InvitationLinkAsync(Portal, person), "Owen Owner");
        await browser.RunAsync("owner", async owner =>
            await browser.RunAsync("thief", async thief =>
            {
                await SignInPage.SignInAsync(owner, Portal, person, host: $"{HardenedPortal.Slug}.localhost");
                await Expect(owner.GetByTestId("organization-title")).ToHaveTextAsync("Hardening Ltd");
                await thief.Context.AddCookiesAsync((await owner.Context.CookiesAsync()).Select(c => new Microsoft.Playwright.Cookie
                {
                    Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
                }));
                await thief.GotoAsync(Org("/account/me"));
                await Expect(thief.GetByTestId("my-email")).ToHaveTextAsync(person);

                await owner.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
                await Expect(owner).ToHaveURLAsync(new Regex("/account/login"));
                await thief.GotoAsync(Org("/account/me"));
                await Expect(thief).ToHaveURLAsync(new Regex("/account/login"));

                await browser.RunAsync("laptop", async laptop =>
                {
                    await SignInPage.SignInAsync(laptop, Portal, person, host: $"{HardenedPortal.Slug}.localhost");
                    await SignInPage.SignInAsync(owner, Portal, person, host: $"{HardenedPortal.Slug}.localhost");
                    await owner.GotoAsync(Org("/account/me"));
                    await Expect(owner.GetByTestId("session")).ToHaveCountAsync(3); // the client that accepted, the laptop and this browser
                    await owner.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
                    await Expect(owner.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out everywhere.");

                    await laptop.GotoAsync(Org("/"));
                    await Expect(laptop).ToHaveURLAsync(new Regex("/account/login"));
                });
            }));
    }

    [Fact]
    public async Task Never_repeat_what_the_address_says() =>
        await browser.RunAsync("phishing-address", async page =>
        {
            await page.GotoAsync(Portal.Url(path: "/o/Your%20account%20is%20blocked%2C%20call%20%2B44%20800%20000%20000/"));

            var error = page.GetByTestId("error-page");
            await Expect(error).ToContainTextAsync("There is no organization at this address");
            await Expect(error).Not.ToContainTextAsync("blocked");
            await Expect(page.Locator("body")).Not.ToContainTextAsync("800 000");
        });

    /// <summary>A sign-in with a wrong password; the message shown.</summary>
    private async Task<string> FailedSignInAsync(IPage page, string email)
    {
        await SignInPage.SignInAsync(page, Portal, email, "not the right password at all");
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToBeVisibleAsync();
        return (await alert.TextContentAsync())!.Trim();
    }
}
