using System.Net;
using System.Text;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>A client admin brings a whole team in from a list, in Chromium, on the organization's subdomain.</summary>
public sealed class BulkInvitationsShould(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Let_the_client_admin_preview_a_list_send_it_watch_it_go_download_the_members_and_find_it_in_the_audit_log()
    {
        await using var portal = await PortalProcess.StartAsync();
        using (var superAdmin = await PortalClient.SignedInAsync(portal))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await superAdmin.CreateOrganizationAsync("Odeon Cinemas", "odeon")).StatusCode);
        }

        await PortalClient.AcceptInvitationAsync(portal, await PortalDatabase.InvitationLinkAsync(portal, "admin@odeon.test"), "Olive Odeon");

        await browser.RunAsync("client-admin-invites-a-list", async admin =>
        {
            await SignInPage.SignInAsync(admin, portal, "admin@odeon.test", host: "odeon.localhost");
            await admin.GotoAsync(portal.Url("odeon.localhost", "/users"));
            await admin.GetByTestId("invite-many").ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Invite many people" })).ToBeVisibleAsync();

            var template = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("csv-template").ClickAsync());
            Assert.StartsWith("email,name,role", await File.ReadAllTextAsync((await template.PathAsync())!));

            await admin.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
            {
                Name = "staff.csv", MimeType = "text/csv", Buffer = Encoding.Latin1.GetBytes("email,name,role\nzoe@odeon.test,Zoë,User\n"),
            });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
            await Expect(admin.GetByTestId("import-file-error")).ToContainTextAsync("not UTF-8");
            Assert.Equal(0, await PortalDatabase.CountAsync(portal, """SELECT count(*) FROM "InvitationBatches" """));

            await admin.GetByLabel("Or paste the list").FillAsync("""
                email,name,role
                ann@odeon.test,Ann Usher,User
                bob@odeon.test,Bob Box Office,Viewer
                cat@odeon.test,Cat Manager,Admin
                not-an-address,Nobody,User
                ann@odeon.test,Ann Again,User
                admin@odeon.test,Olive Odeon,Admin
                """);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

            await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Check the list before sending" })).ToBeVisibleAsync();
            var rows = admin.GetByTestId("batch-rows");
            await Expect(rows.Locator("tr[data-line='2'] [data-testid=row-outcome]")).ToHaveTextAsync("Will invite");
            await Expect(rows.Locator("tr[data-line='5'] [data-testid=row-outcome]")).ToContainTextAsync("Error: Enter one valid email address");
            await Expect(rows.Locator("tr[data-line='6'] [data-testid=row-outcome]")).ToHaveTextAsync("Error: The same address as line 2.");
            await Expect(rows.Locator("tr[data-line='7'] [data-testid=row-outcome]")).ToHaveTextAsync("Already a member");
            Assert.Equal(0, await PortalDatabase.CountAsync(portal, """SELECT count(*) FROM "OutboxMessages" WHERE "To" LIKE '%@odeon.test' AND "To" <> 'admin@odeon.test'"""));
            await Screens.CaptureAsync(admin, "bulk-invitations-preview");

            await admin.GetByRole(AriaRole.Button, new() { Name = "Send 3 invitations" }).ClickAsync();
            await Expect(admin.GetByTestId("batch-finished")).ToHaveTextAsync("Done: 3 invited.", new() { Timeout = 30_000 });
            await Expect(rows.Locator("tr[data-outcome=Invited]")).ToHaveCountAsync(3);
            await Screens.CaptureAsync(admin, "bulk-invitations-sent");
            await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Send 3 invitations" })).ToHaveCountAsync(0);

            await admin.GetByRole(AriaRole.Link, new() { Name = "Back to users" }).ClickAsync();
            await Expect(admin.GetByTestId("invitations").Locator("tr[data-email]")).ToHaveCountAsync(3);

            var export = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("export-users").ClickAsync());
            Assert.Equal("odeon-users.csv", export.SuggestedFilename);
            var lines = (await File.ReadAllTextAsync((await export.PathAsync())!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("email,name,role,status,last_sign_in", lines[0]);
            Assert.StartsWith("admin@odeon.test,Olive Odeon,Admin,Active,", lines[1]);
            Assert.Contains("ann@odeon.test,Ann Usher,User,Invited,", lines);

            await admin.GetByRole(AriaRole.Link, new() { Name = "Odeon Cinemas" }).First.ClickAsync();
            await admin.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
            await admin.GetByLabel("Action").SelectOptionAsync("invitation.bulk-sent");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            var bulkSent = admin.GetByTestId("audit-log").Locator("tbody tr");
            await Expect(bulkSent).ToHaveCountAsync(1);
            await Expect(bulkSent.Locator("td").Nth(1)).ToHaveTextAsync("admin@odeon.test");
            await Expect(bulkSent.Locator("td").Nth(3)).ToHaveTextAsync("3 of a list of 6");
            var auditCsv = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("audit-download").ClickAsync());
            var auditLines = (await File.ReadAllTextAsync((await auditCsv.PathAsync())!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, auditLines.Length);
            Assert.Contains(",odeon,invitation.bulk-sent,3 of a list of 6,", auditLines[1]);

            await admin.GotoAsync(portal.Url("odeon.localhost", "/audit?from=yesterday"));
            await Expect(admin.GetByTestId("audit-from-error")).ToHaveTextAsync("Enter a day like 2026-12-06.");
        });

        await browser.RunAsync("invited-from-the-list", async ann =>
        {
            await ann.GotoAsync(await PortalDatabase.InvitationLinkAsync(portal, "ann@odeon.test"));
            await Expect(ann.GetByLabel("Your name")).ToHaveValueAsync("Ann Usher");
            await ann.GetByLabel("Choose a password").FillAsync(PortalProcess.Password);
            await ann.GetByRole(AriaRole.Button, new() { Name = "Accept and sign in" }).ClickAsync();
            await Expect(ann.GetByTestId("organization-title")).ToHaveTextAsync("Odeon Cinemas");

            foreach (var path in new[] { "/users/import", "/audit" })
            {
                var refused = await ann.GotoAsync(portal.Url("odeon.localhost", path));
                Assert.Equal(403, refused?.Status);
            }
        });
    }
}
