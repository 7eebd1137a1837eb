using System.Text.RegularExpressions;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

public sealed class FirstRunShould(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Lead_from_setup_to_the_admin_home_and_back_out()
    {
        await using var portal = await PortalProcess.StartAsync(bootstrapSuperAdmin: false);

        await browser.RunAsync(nameof(FirstRunShould), async page =>
        {
            await PageAudit.InstallAxeAsync(page);
            await page.GotoAsync(portal.Url(path: "/admin"));
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/setup"));
            Assert.Empty(await PageAudit.ProblemsAsync(page, "/setup", screen: "setup")); // the one page no sweep reaches: it exists before anyone does

            await page.GetByLabel("Your name").FillAsync("Ada Admin");
            await page.GetByLabel("Email").FillAsync("ada@marketedge.test");
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(PortalProcess.Password);
            await page.GetByLabel("Password again").FillAsync(PortalProcess.Password);

            // Whoever reaches a fresh portal first cannot claim it without the code it printed.
            await page.GetByLabel("Setup code").FillAsync("ABCD-EFGH-JKLM-NPQR");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create super admin" }).ClickAsync();
            await Expect(page.Locator("[data-valmsg-for='Input.SetupCode']")).ToContainTextAsync("not this portal's setup code");
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/setup"));

            var setupCode = (await File.ReadAllTextAsync(Path.Combine(portal.DataDirectory, "setup-code"))).Trim();
            Assert.Contains(setupCode, portal.Output);
            await page.GetByLabel("Setup code").FillAsync(setupCode);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(PortalProcess.Password);
            await page.GetByLabel("Password again").FillAsync(PortalProcess.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create super admin" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(portal.Url(path: "/account/login"));
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Super admin created");

            await page.GetByLabel("Email").FillAsync("ada@marketedge.test");
            await page.GetByLabel("Password").FillAsync(PortalProcess.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(portal.Url(path: "/admin"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin home" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("ada@marketedge.test");

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/account/login"));
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");

            await page.GotoAsync(portal.Url(path: "/admin"));
            await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fadmin$"));

            // Setup is closed for good now.
            await page.GotoAsync(portal.Url(path: "/setup"));
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/account/login"));
        });
    }
}
