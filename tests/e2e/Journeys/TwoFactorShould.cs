using MarketEdge.EndToEnd.Tests.Support;
using MarketEdge.Portal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>
/// Two-factor sign-in in Chromium, on a portal that requires it of super admins (as production does): the super
/// admin is held on the enrolment page, scans (the test reads the key an app would and computes its codes),
/// keeps the recovery codes, then signs in with a code, with a recovery code (spent after), and is refused a wrong one.
/// </summary>
public sealed class TwoFactorShould(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string WrongCodeMessage = "That code is not right.";

    [Fact]
    public async Task Hold_a_super_admin_to_enrolment_then_ask_for_a_code_or_a_recovery_code_at_each_sign_in()
    {
        await using var portal = await PortalProcess.StartAsync(settings: new Dictionary<string, string> { ["Identity__SuperAdminsRequireTwoFactor"] = "true" });
        AuthenticatorApp app = null!;
        List<string> recoveryCodes = [];

        await browser.RunAsync("two-factor-enrol", async page =>
        {
            await PageAudit.InstallAxeAsync(page);
            await SignInPage.SignInAsync(page, portal);
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/account/two-factor"));
            await Expect(page.GetByTestId("two-factor-required")).ToContainTextAsync("Super admins must sign in with two factors.");
            await page.GotoAsync(portal.Url(path: "/admin/organizations"));
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/account/two-factor")); // nothing else opens yet

            await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code that adds MarketEdge to an authenticator app" })).ToBeVisibleAsync();
            app = new AuthenticatorApp((await page.GetByTestId("authenticator-key").TextContentAsync())!);
            Assert.Empty(await PageAudit.ProblemsAsync(page, "two-factor setup", "two-factor-setup"));

            await page.GetByLabel("Your password").FillAsync(PortalProcess.Password);
            await page.GetByLabel("Code from your app").FillAsync(app.WrongCode());
            await page.GetByRole(AriaRole.Button, new() { Name = "Switch two-factor sign-in on" }).ClickAsync();
            await Expect(page.GetByTestId("code-error")).ToContainTextAsync(WrongCodeMessage);

            await page.GetByLabel("Your password").FillAsync(PortalProcess.Password);
            await page.GetByLabel("Code from your app").FillAsync(app.NextCode());
            await page.GetByRole(AriaRole.Button, new() { Name = "Switch two-factor sign-in on" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Two-factor sign-in is on.");
            var shown = page.GetByTestId("recovery-codes").Locator("code");
            await Expect(shown).ToHaveCountAsync(10);
            recoveryCodes = [.. await shown.AllTextContentsAsync()];

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-recovery-codes").ClickAsync());
            Assert.Equal("marketedge-recovery-codes.txt", download.SuggestedFilename);
            var file = await File.ReadAllTextAsync((await download.PathAsync())!);
            Assert.All(recoveryCodes, code => Assert.Contains(code, file));

            await page.GotoAsync(portal.Url(path: "/admin/organizations"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Organizations", Level = 1 })).ToBeVisibleAsync();
        });

        await browser.RunAsync("two-factor-sign-in", async page =>
        {
            await PageAudit.InstallAxeAsync(page);
            await SignInPage.SignInAsync(page, portal);
            await Expect(page.GetByLabel("Authentication code")).ToBeVisibleAsync();
            Assert.Empty(await PageAudit.ProblemsAsync(page, "second step"));

            await SecondStepAsync(page, app.WrongCode());
            await Expect(page.GetByTestId("code-error")).ToContainTextAsync(WrongCodeMessage);
            await page.GotoAsync(portal.Url(path: "/admin"));
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login")); // the password alone opened nothing

            await SignInPage.SignInAsync(page, portal);
            await SecondStepAsync(page, app.NextCode());
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/admin"));
            await SignOutAsync(page);

            await SignInPage.SignInAsync(page, portal);
            await SecondStepAsync(page, recoveryCodes[0]);
            await Expect(page).ToHaveURLAsync(portal.Url(path: "/admin"));
            await page.GotoAsync(portal.Url(path: "/account/two-factor"));
            await Expect(page.GetByTestId("recovery-codes-left")).ToHaveTextAsync("9");
            await SignOutAsync(page);

            await SignInPage.SignInAsync(page, portal);
            await SecondStepAsync(page, recoveryCodes[0]);
            await Expect(page.GetByTestId("code-error")).ToContainTextAsync(WrongCodeMessage); // spent
            await Expect(page.GetByLabel("Authentication code")).ToBeVisibleAsync();
        });
    }

    private static async Task SecondStepAsync(IPage page, string code)
    {
        await page.GetByLabel("Authentication code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
