using System.Text.RegularExpressions;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

public sealed class OrganizationsShould(BrowserFixture browser, SharedPortal shared) : IClassFixture<SharedPortal>, IClassFixture<BrowserFixture>
{
    private PortalProcess Portal => shared.Portal;

    [Fact]
    public async Task Create_odeon_and_watch_it_provision_into_an_active_organization_with_its_own_seeded_database()
    {
        await browser.RunAsync(nameof(Create_odeon_and_watch_it_provision_into_an_active_organization_with_its_own_seeded_database), async page =>
        {
            await SignInAsync(page);
            await page.GotoAsync(Portal.Url(path: "/admin/organizations"));
            await page.GetByRole(AriaRole.Button, new() { Name = "New organization" }).ClickAsync();

            await page.GetByLabel("Organization name").PressSequentiallyAsync("Odeon Cinemas");
            await Expect(page.GetByLabel("Subdomain")).ToHaveValueAsync("odeon-cinemas");
            await page.GetByLabel("Subdomain").FillAsync("");
            await page.GetByLabel("Subdomain").PressSequentiallyAsync("odeon");
            await Expect(page.GetByTestId("slug-status")).ToContainTextAsync("Available");

            await page.GetByLabel("SIC 2007 code").PressSequentiallyAsync("5914");
            await page.Locator("#sic-options [role=option][data-code='59140']").ClickAsync();
            await Expect(page.GetByLabel("SIC 2007 code")).ToHaveValueAsync("59140");
            await Expect(page.GetByTestId("sic-chosen")).ToContainTextAsync("Motion picture projection activities");
            await Expect(page.GetByLabel("Industry pack")).ToHaveValueAsync("cinema");

            await page.GetByLabel("First admin's email").FillAsync("admin@odeon.test");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create organization" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(Portal.Url(path: "/admin/organizations/odeon"));
            await Expect(page.Locator("#progress li").First).ToBeVisibleAsync(); // steps show as they happen
            await Screens.CaptureAsync(page, "provisioning-progress");
            await Expect(page.GetByTestId("organization-status")).ToHaveTextAsync("Active", new() { Timeout = 30_000 });
            await Expect(page.Locator("#progress li[data-outcome='Succeeded']")).ToHaveCountAsync(5);
            await Expect(page.GetByTestId("organization-links")).ToContainTextAsync("odeon.localhost");
            await Expect(page.GetByTestId("organization-pack")).ToHaveTextAsync("Cinema");

            await page.GotoAsync(Portal.Url(path: "/admin/outbox"));
            var invitation = page.Locator("[data-testid=outbox-message][data-to='admin@odeon.test']");
            await Expect(invitation).ToContainTextAsync("You are invited to manage Odeon Cinemas");
            await Expect(invitation.GetByTestId("outbox-link")).ToHaveAttributeAsync("href", new Regex($"^http://odeon\\.localhost:{Portal.Port}/invitations/accept\\?token="));
        });

        var database = await PortalDatabase.OrganizationDatabaseAsync(Portal, "odeon");
        Assert.True(await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM \"Competitors\"", database) >= 3);
        Assert.Equal(0, await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM \"Competitors\" WHERE \"Name\" LIKE 'Odeon%'", database));
        Assert.True(await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM \"Offerings\"", database) >= 3);
        Assert.Equal(1, await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM \"Invitations\" WHERE \"Email\" = 'admin@odeon.test'"));
    }

    [Fact]
    public async Task Explain_each_bad_input_beside_its_field_and_create_nothing() =>
        await browser.RunAsync(nameof(Explain_each_bad_input_beside_its_field_and_create_nothing), async page =>
        {
            // Failed (it never got a database): the start-up upgrade, which may still be running, leaves it alone.
            await PortalDatabase.AddOrganizationAsync(Portal, "taken", "Taken Ltd", "Failed");
            var organizationsBefore = await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM \"Organizations\"");
            var databasesBefore = await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM pg_database WHERE datname LIKE 'org_%'");
            await SignInAsync(page);

            (string Name, string Slug, string Sic, string Email, string Field, string Message)[] attempts =
            [
                ("", "empty-name", "59140", "a@b.test", "Input.Name", "Enter the organization's name."),
                (new string('n', 201), "long-name", "59140", "a@b.test", "Input.Name", "under 200 characters"),
                ("Long slug", new string('s', 41), "59140", "a@b.test", "Input.Slug", "at most 40"),
                ("Bad slug", "Not A Label", "59140", "a@b.test", "Input.Slug", "lower-case letters, digits and hyphens"),
                ("Reserved", "admin", "59140", "a@b.test", "Input.Slug", "reserved"),
                ("Duplicate", "taken", "59140", "a@b.test", "Input.Slug", "already taken"),
                ("Unknown SIC", "unknown-sic", "12345", "a@b.test", "Input.SicCode", "not a UK SIC 2007 code"),
                ("Bad email", "bad-email", "59140", "not an email", "Input.FirstAdminEmail", "valid email address"),
            ];
            foreach (var attempt in attempts)
            {
                await page.GotoAsync(Portal.Url(path: "/admin/organizations/new"));
                // The fields cap their length in the browser; lift the caps to see what the server says to a client that ignores them.
                await page.Locator("#Input_Name").EvaluateAsync("field => field.removeAttribute('maxlength')");
                await page.Locator("#Input_Slug").EvaluateAsync("field => field.removeAttribute('maxlength')");
                await page.Locator("#Input_Name").FillAsync(attempt.Name);
                if (attempt.Name.Length > 0)
                {
                    await Expect(page.Locator("#Input_Slug")).Not.ToHaveValueAsync(""); // the suggestion came; now overwrite it
                    await page.Locator("#Input_Slug").EvaluateAsync("field => field.removeAttribute('maxlength')");
                }

                await page.Locator("#Input_Slug").FillAsync(attempt.Slug);
                await page.Locator("#pack-select").SelectOptionAsync("cinema");
                await page.Locator("#Input_SicCode").FillAsync(attempt.Sic);
                await page.Locator("#Input_FirstAdminEmail").FillAsync(attempt.Email);
                await page.GetByRole(AriaRole.Button, new() { Name = "Create organization" }).ClickAsync();

                await Expect(page.Locator($"[data-valmsg-for='{attempt.Field}']")).ToContainTextAsync(attempt.Message);
                await Expect(page).ToHaveURLAsync(Portal.Url(path: "/admin/organizations/new"));
            }

            Assert.Equal(organizationsBefore, await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM \"Organizations\""));
            Assert.Equal(databasesBefore, await PortalDatabase.CountAsync(Portal, "SELECT count(*) FROM pg_database WHERE datname LIKE 'org_%'"));
        });

    [Fact]
    public async Task Show_markup_typed_into_a_name_as_text_everywhere()
    {
        using (var admin = await PortalClient.SignedInAsync(Portal))
        {
            await admin.CreateOrganizationAsync("<img src=x onerror=alert(1)>Markup & Co", "markup-co");
        }

        await browser.RunAsync(nameof(Show_markup_typed_into_a_name_as_text_everywhere), async page =>
        {
            await SignInAsync(page);
            await page.GotoAsync(Portal.Url(path: "/admin/organizations?q=markup"));
            await Expect(page.Locator("tr[data-slug='markup-co'] a")).ToHaveTextAsync("<img src=x onerror=alert(1)>Markup & Co");
            await page.Locator("tr[data-slug='markup-co'] a").ClickAsync();
            await Expect(page.GetByTestId("organization-heading")).ToHaveTextAsync("<img src=x onerror=alert(1)>Markup & Co");
            await Expect(page.Locator("main img")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("organization-status")).ToHaveTextAsync("Active", new() { Timeout = 30_000 });

            await SignInPage.SignInAsync(page, Portal, host: "markup-co.localhost");
            await Expect(page.GetByTestId("organization-title")).ToHaveTextAsync("<img src=x onerror=alert(1)>Markup & Co");
            await Expect(page.Locator("img")).ToHaveCountAsync(0);
        });
    }

    private async Task SignInAsync(IPage page)
    {
        await SignInPage.SignInAsync(page, Portal);
        await Expect(page).ToHaveURLAsync(Portal.Url(path: "/admin"));
    }
}
