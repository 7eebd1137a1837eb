using Microsoft.Playwright;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>An organization's users page, used as its Admin would.</summary>
public static class UsersPage
{
    /// <summary>
    /// Opens the invite form if it is closed, fills it and sends it, and waits for the portal's answer (the page then
    /// shows the outcome): a caller that navigates on at once would otherwise abort the request before it is handled.
    /// </summary>
    public static async Task InviteAsync(IPage admin, string email, string role)
    {
        var invite = admin.GetByTestId("invite");
        if (await invite.GetAttributeAsync("open") is null)
        {
            await invite.Locator("summary").ClickAsync();
        }

        await admin.GetByLabel("Email").FillAsync(email);
        await admin.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(role);
        await admin.RunAndWaitForResponseAsync(
            () => admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync(),
            response => response.Request.Method == "POST");
    }
}
