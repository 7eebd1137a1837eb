using Microsoft.Playwright;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>Signs in through the portal's own sign-in form, as a person would.</summary>
public static class SignInPage
{
    public static async Task SignInAsync(
        IPage page, PortalProcess portal, string email = PortalProcess.SuperAdminEmail, string password = PortalProcess.Password, string host = "localhost")
    {
        await page.GotoAsync(portal.Url(host, "/account/login"));
        await page.GetByLabel("Email").FillAsync(email);
        var addressFirst = page.GetByRole(AriaRole.Button, new() { Name = "Continue" }); // an organization with its own sign-in asks the address first
        if (await addressFirst.CountAsync() > 0)
        {
            await addressFirst.ClickAsync();
        }

        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }
}
