using System.Net;
using System.Text.RegularExpressions;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>
/// A client admin proves the organization's email domain and opens it to its people, in Chromium: one person with an
/// address there joins at once, another asks and is approved; another organization can neither claim the domain nor
/// reach the page, and a member who is not an Admin cannot either.
/// </summary>
public sealed class VerifiedDomainsShould(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Let_the_client_admin_verify_the_domain_and_its_people_join_by_their_address()
    {
        await using var portal = await PortalProcess.StartAsync();
        using (var superAdmin = await PortalClient.SignedInAsync(portal))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await superAdmin.CreateOrganizationAsync("Odeon Cinemas", "odeon")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await superAdmin.CreateOrganizationAsync("Vue Cinemas", "vue")).StatusCode);
        }

        await PortalClient.AcceptInvitationAsync(portal, await PortalDatabase.InvitationLinkAsync(portal, "admin@odeon.test"), "Olive Odeon");
        await PortalClient.AcceptInvitationAsync(portal, await PortalDatabase.InvitationLinkAsync(portal, "admin@vue.test"), "Victor Vue");
        using (var vueAdmin = await PortalClient.SignedInAsync(portal, "admin@vue.test", "vue.localhost"))
        {
            foreach (var person in new[] { "sam@odeon.co.uk", "ria@odeon.co.uk" }) // people of Odeon with accounts already, as guests of Vue
            {
                Assert.Equal(HttpStatusCode.Redirect, (await vueAdmin.PostFormAsync("/users", "/users?handler=Invite", ("email", person), ("role", "Viewer"))).StatusCode);
                await PortalClient.AcceptInvitationAsync(portal, await PortalDatabase.InvitationLinkAsync(portal, person), person[..3]);
            }
        }

        await browser.RunAsync("client-admin-verifies-a-domain", async admin =>
        {
            await SignInPage.SignInAsync(admin, portal, "admin@odeon.test", host: "odeon.localhost");
            await admin.GetByRole(AriaRole.Link, new() { Name = "Domains" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Domains", Exact = true })).ToBeVisibleAsync();

            await admin.GetByLabel("Domain", new() { Exact = true }).FillAsync("gmail.com");
            await admin.GetByLabel("Send the code to").FillAsync("olive@gmail.com");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Send the code" }).ClickAsync();
            await Expect(admin.GetByTestId("add-domain-error")).ToHaveTextAsync(
                "gmail.com is a public mail domain: anyone can have an address there, so no organization can claim it.");
            Assert.Equal(0, await PortalDatabase.CountAsync(portal, """SELECT count(*) FROM "OrganizationDomains" """));

            await admin.GetByLabel("Domain", new() { Exact = true }).FillAsync("odeon.co.uk");
            await admin.GetByLabel("Send the code to").FillAsync("olive@odeon.co.uk");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Send the code" }).ClickAsync();
            var domain = admin.Locator("[data-testid=domain][data-domain='odeon.co.uk']");
            await Expect(domain.GetByTestId("domain-status")).ToHaveTextAsync("Not verified");
            await Expect(domain).ToContainTextAsync("A code was sent to olive@odeon.co.uk");

            var code = await CodeAsync(portal, "olive@odeon.co.uk");
            await domain.GetByLabel("Code from the email").FillAsync(code == "000000" ? "111111" : "000000");
            await domain.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
            await Expect(domain.GetByTestId("domain-code-error")).ToHaveTextAsync("That is not the code we sent. 4 tries left.");
            await domain.GetByLabel("Code from the email").FillAsync(code);
            await domain.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
            await Expect(domain.GetByTestId("domain-status")).ToContainTextAsync("Verified on");

            await domain.GetByLabel("At once, as").CheckAsync();
            await domain.GetByTestId("join-role").SelectOptionAsync("User");
            await domain.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(admin.GetByTestId("notice")).ToHaveTextAsync("Join policy saved.");
            await Screens.CaptureAsync(admin, "verified-domains");
        });

        await browser.RunAsync("another-organization-cannot-claim-it", async vue =>
        {
            await SignInPage.SignInAsync(vue, portal, "admin@vue.test");
            Assert.Equal(403, (await vue.GotoAsync(portal.Url("localhost", "/o/odeon/settings/domains")))?.Status);
            Assert.Equal(200, (await vue.GotoAsync(portal.Url("localhost", "/o/vue/settings/domains")))?.Status);
            await SignInPage.SignInAsync(vue, portal, "admin@vue.test", host: "vue.localhost");
            await vue.GotoAsync(portal.Url("vue.localhost", "/settings/domains"));
            await vue.GetByLabel("Domain", new() { Exact = true }).FillAsync("odeon.co.uk");
            await vue.GetByLabel("Send the code to").FillAsync("victor@odeon.co.uk");
            await vue.GetByRole(AriaRole.Button, new() { Name = "Send the code" }).ClickAsync();
            await Expect(vue.GetByTestId("add-domain-error")).ToHaveTextAsync("Another organization has already verified this domain. If it is yours, contact support.");
            Assert.Equal(0, await PortalDatabase.CountAsync(portal, """SELECT count(*) FROM "OutboxMessages" WHERE "To" = 'victor@odeon.co.uk'"""));
        });

        await browser.RunAsync("person-joins-by-address", async sam =>
        {
            await SignInPage.SignInAsync(sam, portal, "sam@odeon.co.uk");
            await sam.GotoAsync(portal.Url("localhost", "/")); // signing in lands in Vue, the organization they belong to
            var offers = sam.GetByTestId("joinable-organizations");
            await Expect(offers).ToContainTextAsync("Odeon Cinemas");
            await offers.GetByRole(AriaRole.Button, new() { Name = "Join as User" }).ClickAsync();
            await Expect(sam.GetByTestId("my-organizations")).ToContainTextAsync("Odeon Cinemas");
            await Expect(sam.GetByTestId("joinable-organizations")).ToHaveCountAsync(0);

            Assert.Equal(403, (await sam.GotoAsync(portal.Url("localhost", "/o/odeon/settings/domains")))?.Status); // a User now, not an Admin
        });

        await browser.RunAsync("client-admin-asks-for-requests", async admin =>
        {
            await SignInPage.SignInAsync(admin, portal, "admin@odeon.test", host: "odeon.localhost");
            await admin.GotoAsync(portal.Url("odeon.localhost", "/settings/domains"));
            await admin.GetByLabel("They ask; an admin approves on the users page").CheckAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(admin.GetByTestId("notice")).ToHaveTextAsync("Join policy saved.");
        });

        await browser.RunAsync("person-asks-and-is-approved", async ria =>
        {
            await SignInPage.SignInAsync(ria, portal, "ria@odeon.co.uk");
            await ria.GotoAsync(portal.Url("localhost", "/"));
            await ria.GetByTestId("joinable-organizations").GetByRole(AriaRole.Button, new() { Name = "Ask to join" }).ClickAsync();
            await Expect(ria.GetByTestId("join-requested")).ToHaveTextAsync("Asked: waiting for its admins.");
        });

        await browser.RunAsync("client-admin-approves-a-request", async admin =>
        {
            await SignInPage.SignInAsync(admin, portal, "admin@odeon.test", host: "odeon.localhost");
            await admin.GotoAsync(portal.Url("odeon.localhost", "/users"));
            var request = admin.GetByTestId("join-requests").Locator("tr[data-email='ria@odeon.co.uk']");
            await request.GetByTestId("approve-role").SelectOptionAsync("Viewer");
            await request.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Expect(admin.GetByTestId("members").Locator("tr[data-email='ria@odeon.co.uk'] [data-testid=member-status]")).ToHaveTextAsync("Active");
            await Expect(admin.GetByTestId("join-requests")).ToHaveCountAsync(0);

            await admin.GotoAsync(portal.Url("odeon.localhost", "/audit"));
            var log = admin.GetByTestId("audit-log");
            foreach (var action in new[] { "domain.added", "domain.verified", "domain.join-policy-changed", "member.joined", "join.requested", "join.approved" })
            {
                await Expect(log).ToContainTextAsync(action);
            }
        });

        Assert.Equal("Viewer", await PortalDatabase.ScalarAsync<string>(portal,
            """SELECT m."Role" FROM "Memberships" m JOIN "AspNetUsers" u ON u."Id" = m."UserId" JOIN "Organizations" o ON o."Id" = m."OrganizationId" WHERE u."Email" = 'ria@odeon.co.uk' AND o."Slug" = 'odeon'"""));
    }

    private static async Task<string> CodeAsync(PortalProcess portal, string email)
    {
        var subject = await PortalDatabase.ScalarAsync<string>(portal,
            """SELECT "Subject" FROM "OutboxMessages" WHERE "To" = @to ORDER BY "CreatedAt" DESC LIMIT 1""", parameters: ("to", email));
        return Regex.Match(subject, @"^(\d{6}) ").Groups[1].Value;
    }
}
