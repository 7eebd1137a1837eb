using System.Net;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>
/// One portal with one provisioned organization ("odeon") and a person of each role: its Admin, a User and a
/// Viewer, who accepted their invitations with a password; one more invitation is left pending.
/// </summary>
public sealed class PeopledPortal : IAsyncLifetime
{
    public const string Slug = "odeon";
    public const string Host = Slug + ".localhost";

    public PortalProcess Portal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Portal = await PortalProcess.StartAsync(settings: new Dictionary<string, string> { ["Identity__SignInAttemptsPerMinute"] = "500" });
        using (var superAdmin = await PortalClient.SignedInAsync(Portal))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await superAdmin.CreateOrganizationAsync("Odeon Cinemas", Slug)).StatusCode);
        }

        await AcceptAsync(Email(Person.Admin), "Ada Admin");
        using var admin = await PortalClient.SignedInAsync(Portal, Email(Person.Admin), Host);
        foreach (var (email, role) in new[] { (Email(Person.User), "User"), (Email(Person.Viewer), "Viewer"), ($"pending@{Slug}.test", "Viewer") })
        {
            var invited = await admin.PostFormAsync("/users", "/users?handler=Invite", ("email", email), ("role", role));
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        }

        await AcceptAsync(Email(Person.User), "Uma User");
        await AcceptAsync(Email(Person.Viewer), "Vic Viewer");
    }

    public static string Email(Person person) => person == Person.SuperAdmin ? PortalProcess.SuperAdminEmail : $"{person.ToString().ToLowerInvariant()}@{Slug}.test";

    public static string HostOf(Person person) => person == Person.SuperAdmin ? "localhost" : Host;

    private async Task AcceptAsync(string email, string name) =>
        await PortalClient.AcceptInvitationAsync(Portal, await PortalDatabase.InvitationLinkAsync(Portal, email), name);

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

public enum Person
{
    SuperAdmin,
    Admin,
    User,
    Viewer,
}

/// <summary>
/// Every page each kind of person can reach, found by following the links from their home: at a phone's
/// width and a desk's, none scrolls sideways and axe-core finds nothing against WCAG 2.1 AA or its best practices.
/// </summary>
public sealed class EveryPageShould(BrowserFixture browser, PeopledPortal peopled) : IClassFixture<PeopledPortal>, IClassFixture<BrowserFixture>
{
    private const int MostPagesPerPerson = 40;

    private PortalProcess Portal => peopled.Portal;

    /// <summary>Pages the crawl must have reached, so that a broken link cannot quietly shrink the sweep.</summary>
    private static readonly Dictionary<Person, string[]> MustReach = new()
    {
        [Person.SuperAdmin] =
        [
            "/admin", "/admin/organizations", "/admin/organizations/new", $"/admin/organizations/{PeopledPortal.Slug}", "/admin/outbox",
            "/admin/packs", "/account/me", "/account/two-factor", "/switcher", $"/o/{PeopledPortal.Slug}/", $"/o/{PeopledPortal.Slug}/users", $"/o/{PeopledPortal.Slug}/competitors",
        ],
        [Person.Admin] = ["/", "/users", "/competitors", "/settings", "/settings/export", "/account/me", "/account/two-factor", "/switcher"],
        [Person.User] = ["/", "/competitors", "/account/me", "/switcher"],
        [Person.Viewer] = ["/", "/competitors", "/account/me", "/switcher"],
    };

    /// <summary>The README's pictures: which page, seen by whom (scripts/screenshots.sh).</summary>
    private static readonly Dictionary<(Person, string), string> ReadmeScreens = new()
    {
        [(Person.SuperAdmin, "/admin/organizations")] = "organization-list",
        [(Person.SuperAdmin, "/admin/packs")] = "packs",
        [(Person.Admin, "/")] = "organization-home",
        [(Person.Admin, "/users")] = "users",
    };

    [Theory]
    [InlineData(Person.SuperAdmin)]
    [InlineData(Person.Admin)]
    [InlineData(Person.User)]
    [InlineData(Person.Viewer)]
    public async Task Fit_a_phone_and_pass_the_accessibility_audit_for(Person person) =>
        await browser.RunAsync($"every-page-{person}", async page =>
        {
            await PageAudit.InstallAxeAsync(page);
            var host = PeopledPortal.HostOf(person);
            await SignInPage.SignInAsync(page, Portal, PeopledPortal.Email(person), host: host);
            await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));

            var problems = new List<string>();
            var reached = await CrawlAsync(page, host, async path => problems.AddRange(await PageAudit.ProblemsAsync(page, path, ReadmeScreens.GetValueOrDefault((person, path)))));
            if (person == Person.Admin)
            {
                await ShowTheMenuOnAPhoneAsync(page);
            }

            Assert.Empty(MustReach[person].Except(reached));
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = PageAudit.Desktop.Width, Height = PageAudit.Desktop.Height } });

    [Fact]
    public async Task Fit_a_phone_and_pass_the_accessibility_audit_for_pages_seen_signed_out() =>
        await browser.RunAsync("every-page-signed-out", async page =>
        {
            await PageAudit.InstallAxeAsync(page);
            var problems = new List<string>();
            foreach (var (host, path, status) in new[]
                     {
                         ("localhost", "/account/login", 200), (PeopledPortal.Host, "/account/login", 200),
                         ("localhost", "/invitations/accept?token=not-a-token", 410), ("localhost", "/o/nosuch/", 404),
                     })
            {
                var response = await page.GotoAsync(Portal.Url(host, path));
                Assert.Equal(status, response?.Status);
                problems.AddRange(await PageAudit.ProblemsAsync(page, host + path));
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        });

    [Fact]
    public async Task Let_a_keyboard_alone_choose_a_SIC_code_from_words() =>
        await browser.RunAsync("sic-combobox", async page =>
        {
            await PageAudit.InstallAxeAsync(page);
            await SignInPage.SignInAsync(page, Portal);
            await page.GotoAsync(Portal.Url(path: "/admin/organizations/new"));
            await page.GetByLabel("Organization name").PressSequentiallyAsync("Picturehouse");
            await Expect(page.GetByLabel("Subdomain")).ToHaveValueAsync("picturehouse");
            var sic = page.GetByRole(AriaRole.Combobox, new() { Name = "SIC 2007 code" });
            await sic.FocusAsync();

            await page.RunAndWaitForResponseAsync(() => page.Keyboard.TypeAsync("cinema"), response => response.Url.Contains("Input.SicCode=cinema"));
            await Expect(sic).ToHaveAttributeAsync("aria-expanded", "true");
            var listbox = page.GetByRole(AriaRole.Listbox, new() { Name = "Suggested codes" });
            await Expect(listbox.GetByRole(AriaRole.Option).First).ToHaveAttributeAsync("data-code", "59140");
            await Expect(page.Locator("#Input_SicCode-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ suggestions?\.$"));
            Assert.Empty(await PageAudit.ProblemsAsync(page, "/admin/organizations/new, suggestions open"));
            await Screens.CaptureAsync(page, "new-organization-sic-look-up");

            await page.Keyboard.PressAsync("ArrowDown");
            await Expect(sic).ToHaveAttributeAsync("aria-activedescendant", "sic-option-59140");
            await Expect(listbox.GetByRole(AriaRole.Option, new() { Selected = true })).ToHaveAttributeAsync("data-code", "59140");
            await page.Keyboard.PressAsync("Enter");

            await Expect(sic).ToHaveValueAsync("59140");
            await Expect(sic).ToBeFocusedAsync();
            await Expect(page.GetByTestId("sic-chosen")).ToContainTextAsync("Motion picture projection activities");
            await Expect(page.GetByLabel("Industry pack")).ToHaveValueAsync("cinema");

            await sic.FillAsync("");
            await page.RunAndWaitForResponseAsync(() => page.Keyboard.TypeAsync("motion picture"), response => System.Text.RegularExpressions.Regex.IsMatch(response.Url, "Input\\.SicCode=motion(\\+|%20)picture"));
            await Expect(sic).ToHaveAttributeAsync("aria-expanded", "true");
            await page.Keyboard.PressAsync("Escape");
            await Expect(sic).ToHaveAttributeAsync("aria-expanded", "false");
            await Expect(page.GetByRole(AriaRole.Listbox)).ToBeHiddenAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Create organization" }).ClickAsync();
            await Expect(page.Locator("#sic-error")).ToHaveTextAsync("These words match several codes: choose one of the suggestions.");
        });

    [Fact]
    public async Task Let_a_keyboard_alone_find_an_organization_from_the_header() =>
        await browser.RunAsync("switcher-combobox", async page =>
        {
            await SignInPage.SignInAsync(page, Portal);
            var switcher = page.GetByTestId("switcher");
            await switcher.Locator("summary").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await page.Keyboard.PressAsync("Tab");
            var search = page.GetByRole(AriaRole.Combobox, new() { Name = "Search organizations" });
            await Expect(search).ToBeFocusedAsync();

            await page.RunAndWaitForResponseAsync(() => page.Keyboard.TypeAsync("Odeon"), response => response.Url.EndsWith("/switcher?q=Odeon"));
            await page.Keyboard.PressAsync("ArrowDown");
            await Expect(search).ToHaveAttributeAsync("aria-activedescendant", $"switcher-option-{PeopledPortal.Slug}");
            await page.Keyboard.PressAsync("Enter");

            await Expect(page).ToHaveURLAsync(Portal.Url(path: $"/o/{PeopledPortal.Slug}/"));
            await Expect(page.GetByTestId("organization-name")).ToHaveTextAsync("Odeon Cinemas");
        });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Confirm_an_action_with_a_short_notice(bool javaScript) =>
        await browser.RunAsync($"notice-{(javaScript ? "htmx" : "plain-form")}", async page =>
        {
            var rival = javaScript ? "Toast Rival" : "Plain Form Rival";
            await SignInPage.SignInAsync(page, Portal, PeopledPortal.Email(Person.Admin), host: PeopledPortal.Host);
            await page.GotoAsync(Portal.Url(PeopledPortal.Host, "/competitors"));
            page.Dialog += (_, dialog) => dialog.AcceptAsync();

            await page.GetByLabel("Name").FillAsync(rival);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Now watching \u2068{rival}\u2069.");

            await page.Locator("[data-testid=competitor-list] tr", new() { HasText = rival }).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"No longer watching \u2068{rival}\u2069.");
            await Expect(page.GetByTestId("competitor-list")).Not.ToContainTextAsync(rival);
        }, new BrowserNewContextOptions { JavaScriptEnabled = javaScript });

    /// <summary>On a phone the header is the brand and one menu, which opens over the page and holds the rest.</summary>
    private async Task ShowTheMenuOnAPhoneAsync(IPage page)
    {
        await page.GotoAsync(Portal.Url(PeopledPortal.Host, "/"));
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await Expect(signOut).ToBeVisibleAsync(); // at a desk the menu is the bar, nothing to open
        await Expect(page.GetByText("Menu", new() { Exact = true })).ToBeHiddenAsync();
        await PageAudit.ResizeAsync(page, PageAudit.Phone);
        await Expect(signOut).ToBeHiddenAsync();
        await page.Locator("[data-testid=site-menu] > summary").ClickAsync();
        await Expect(signOut).ToBeVisibleAsync();
        await Expect(page.GetByTestId("switcher")).ToBeVisibleAsync();
        Assert.Null(await PageAudit.OverflowAsync(page));
        Assert.Empty(await PageAudit.AccessibilityViolationsAsync(page));
        await Screens.CaptureAsync(page, "organization-home-phone-menu");
        await PageAudit.ResizeAsync(page, PageAudit.Desktop);
    }

    /// <summary>Visits every page reachable by links on this host from its home, calling <paramref name="visit"/> on each.</summary>
    private async Task<IReadOnlyList<string>> CrawlAsync(IPage page, string host, Func<string, Task> visit)
    {
        var origin = new Uri(Portal.Url(host));
        var queue = new Queue<string>(["/", "/switcher"]); // the switcher's own page: reached by address, linked from nowhere
        var seen = new List<string>();
        while (queue.TryDequeue(out var path) && seen.Count < MostPagesPerPerson)
        {
            if (seen.Contains(path))
            {
                continue;
            }

            seen.Add(path);
            var response = await page.GotoAsync(new Uri(origin, path).ToString());
            Assert.True(response?.Status == 200, $"{host}{path} answered {response?.Status}.");
            var landed = new Uri(page.Url).PathAndQuery;
            if (landed != path && !seen.Contains(landed))
            {
                seen.Add(landed); // a redirect: the page shown is the one landed on
            }

            await visit(landed);
            foreach (var href in await page.Locator("a[href]:not([download])").EvaluateAllAsync<string[]>("links => links.map(a => a.href)")) // downloads are files, not pages
            {
                var link = new Uri(href);
                if (link.Host == origin.Host && link.Port == origin.Port && !link.Query.Contains("handler="))
                {
                    queue.Enqueue(link.PathAndQuery);
                }
            }
        }

        return seen;
    }
}
