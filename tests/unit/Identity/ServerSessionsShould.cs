using System.Net;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>A session ends on the server: a cookie copied before signing out opens nothing after it.</summary>
public sealed class ServerSessionsShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Refuse_a_cookie_copied_before_sign_out()
    {
        await Portal.AddUserAsync("copied@sessions.test");
        var browser = Portal.ClientFor();
        var signedIn = await PortalFactory.SignInAsync(browser, "copied@sessions.test");
        var thief = Portal.ClientFor();
        thief.DefaultRequestHeaders.Add("Cookie", CookiesSet(signedIn));
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/account/me")).StatusCode);

        await PortalFactory.PostFormAsync(browser, "/account/me", "/account/logout");

        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task List_open_sessions_and_end_another_one_or_all_of_them()
    {
        await Portal.AddUserAsync("many@sessions.test");
        var laptop = Portal.ClientFor();
        var phone = Portal.ClientFor();
        await PortalFactory.SignInAsync(laptop, "many@sessions.test");
        await PortalFactory.SignInAsync(phone, "many@sessions.test");

        var page = await PortalFactory.ParseAsync(await laptop.GetAsync("/account/me"));
        var sessions = page.QuerySelectorAll("[data-testid=session]");
        Assert.Equal(2, sessions.Length);
        var phoneSession = sessions.Single(s => s.GetAttribute("data-current") == "false").QuerySelector("input[name=sessionId]")!.GetAttribute("value")!;

        await PortalFactory.PostFormAsync(laptop, "/account/me", "/account/me?handler=EndSession", ("sessionId", phoneSession));
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/account/me")).StatusCode);

        var tablet = Portal.ClientFor();
        await PortalFactory.SignInAsync(tablet, "many@sessions.test");
        await PortalFactory.PostFormAsync(tablet, "/account/me", "/account/me?handler=EndAllSessions");
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await tablet.GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task End_other_sessions_at_once_when_the_password_changes_and_keep_this_one()
    {
        await Portal.AddUserAsync("changer@sessions.test");
        var here = Portal.ClientFor();
        var elsewhere = Portal.ClientFor();
        await PortalFactory.SignInAsync(here, "changer@sessions.test");
        await PortalFactory.SignInAsync(elsewhere, "changer@sessions.test");

        var changed = await PortalFactory.PostFormAsync(here, "/account/me", "/account/me?handler=Password",
            ("PasswordInput.Current", PortalFactory.Password), ("PasswordInput.New", "a brand new passphrase here"), ("PasswordInput.Confirm", "a brand new passphrase here"));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/account/me")).StatusCode);
    }

    [Fact]
    public async Task Not_end_someone_elses_session_by_its_id()
    {
        await Portal.AddUserAsync("victim@sessions.test");
        await Portal.AddUserAsync("meddler@sessions.test");
        var victim = Portal.ClientFor();
        var meddler = Portal.ClientFor();
        await PortalFactory.SignInAsync(victim, "victim@sessions.test");
        await PortalFactory.SignInAsync(meddler, "meddler@sessions.test");
        var victimSession = (await PortalFactory.ParseAsync(await victim.GetAsync("/account/me")))
            .QuerySelector("[data-testid=session] input[name=sessionId]")!.GetAttribute("value")!;

        await PortalFactory.PostFormAsync(meddler, "/account/me", "/account/me?handler=EndSession", ("sessionId", victimSession));

        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/account/me")).StatusCode);
    }

    /// <summary>The cookies a response set, as a browser would send them back.</summary>
    private static string CookiesSet(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]));
}
