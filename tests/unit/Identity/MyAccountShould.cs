using System.Net;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.Identity;

public sealed class MyAccountShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Change_name_and_password_and_list_my_organizations()
    {
        var organization = await Portal.AddOrganizationAsync("me-org");
        await Portal.AddUserAsync("me@me-org.test", organization);
        var client = Portal.ClientFor();
        await PortalFactory.SignInAsync(client, "me@me-org.test");

        var page = await PortalFactory.ParseAsync(await client.GetAsync("/account/me"));
        Assert.Equal("me-org Ltd", page.QuerySelector("[data-testid=my-memberships] td a")?.TextContent);

        var renamed = await PortalFactory.PostFormAsync(client, "/account/me", "/account/me?handler=Name", ("NameInput.DisplayName", "Mae Member"));
        Assert.True(renamed.StatusCode == HttpStatusCode.Redirect, await renamed.Content.ReadAsStringAsync());
        Assert.Equal("Mae Member", (await PortalFactory.ParseAsync(await client.GetAsync("/account/me"))).QuerySelector("#NameInput_DisplayName")?.GetAttribute("value"));

        var wrong = await PortalFactory.PostFormAsync(client, "/account/me", "/account/me?handler=Password",
            ("PasswordInput.Current", "not my password at all"), ("PasswordInput.New", "a brand new passphrase"), ("PasswordInput.Confirm", "a brand new passphrase"));
        Assert.Contains("not your current password", (await PortalFactory.ParseAsync(wrong)).QuerySelector("[data-valmsg-for='PasswordInput.Current']")?.TextContent);

        var changed = await PortalFactory.PostFormAsync(client, "/account/me", "/account/me?handler=Password",
            ("PasswordInput.Current", PortalFactory.Password), ("PasswordInput.New", "a brand new passphrase"), ("PasswordInput.Confirm", "a brand new passphrase"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/me")).StatusCode); // this session goes on

        Assert.Equal(HttpStatusCode.OK, (await PortalFactory.SignInAsync(Portal.ClientFor(), "me@me-org.test")).StatusCode); // old password refused
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(Portal.ClientFor(), "me@me-org.test", "a brand new passphrase")).StatusCode);
    }

    [Fact]
    public async Task Be_for_signed_in_people_only() =>
        Assert.Equal(HttpStatusCode.Redirect, (await Portal.ClientFor().GetAsync("/account/me")).StatusCode);
}
