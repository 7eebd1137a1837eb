using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.Tenancy;

public sealed class OrganizationHomeShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Speak_the_packs_language_and_open_only_the_modules_switched_on()
    {
        var organization = await Portal.AddOrganizationAsync("home-words");
        await Portal.AddUserAsync("viewer@home-words.test", organization, MembershipRole.Viewer);
        var member = Portal.ClientFor("home-words.localhost");
        await PortalFactory.SignInAsync(member, "viewer@home-words.test");

        var home = await PortalFactory.ParseAsync(await member.GetAsync("/"));
        Assert.StartsWith("Competitor cinemas you watch", home.QuerySelector("[data-testid=competitors] header")?.TextContent);
        Assert.Equal("Your ticket types", home.QuerySelector("[data-testid=offerings] header")?.TextContent);
        Assert.Contains("Cinema · SIC 59140 Motion picture projection activities", home.QuerySelector("[data-testid=organization-industry]")?.TextContent);

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/modules/ticket-price-tracking")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/modules/concessions-benchmarking")).StatusCode); // off by default
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/modules/no-such-module")).StatusCode);
    }

    [Fact]
    public async Task Let_users_add_and_remove_competitors_with_messages_for_bad_input_but_not_viewers()
    {
        var organization = await Portal.AddOrganizationAsync("home-edit");
        await Portal.AddUserAsync("user@home-edit.test", organization, MembershipRole.User);
        await Portal.AddUserAsync("viewer@home-edit.test", organization, MembershipRole.Viewer);
        var user = Portal.ClientFor("home-edit.localhost");
        await PortalFactory.SignInAsync(user, "user@home-edit.test");

        var empty = await PortalFactory.PostFormAsync(user, "/competitors", "/competitors?handler=Add", ("name", " "), ("location", ""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal("Enter a name.", (await PortalFactory.ParseAsync(empty)).QuerySelector("[data-valmsg-for=name]")?.TextContent);

        var added = await PortalFactory.PostFormAsync(user, "/competitors", "/competitors?handler=Add", ("name", "Everyman <Bristol>"), ("location", "Bristol"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await PortalFactory.ParseAsync(await user.GetAsync("/competitors"));
        var row = page.QuerySelectorAll("[data-testid=competitor-list] tbody tr").Single();
        Assert.Equal("Everyman <Bristol>", row.QuerySelector("td")?.TextContent);

        var duplicate = await PortalFactory.PostFormAsync(user, "/competitors", "/competitors?handler=Add", ("name", "Everyman <Bristol>"));
        Assert.Contains("already watch", (await PortalFactory.ParseAsync(duplicate)).QuerySelector("[data-valmsg-for=name]")?.TextContent);

        var viewer = Portal.ClientFor("home-edit.localhost");
        await PortalFactory.SignInAsync(viewer, "viewer@home-edit.test");
        var id = row.GetAttribute("data-id");
        Assert.Equal(HttpStatusCode.Forbidden, (await PortalFactory.PostFormAsync(viewer, "/competitors", $"/competitors?handler=Remove&id={id}")).StatusCode);
        Assert.Null((await PortalFactory.ParseAsync(await viewer.GetAsync("/competitors"))).QuerySelector("form[action*=Remove]"));

        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(user, "/competitors", $"/competitors?handler=Remove&id={id}")).StatusCode);
        Assert.Empty((await PortalFactory.ParseAsync(await user.GetAsync("/competitors"))).QuerySelectorAll("[data-testid=competitor-list] tbody tr"));
    }
}
