using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using MarketEdge.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketEdge.EndToEnd.Tests.Journeys;

/// <summary>
/// Exporting an organization in Chromium: its Admin asks on its subdomain, watches the job make the archive and
/// downloads it; a super admin reaches the same page from the organization's admin page; another organization's
/// Admin is refused the page and the file.
/// </summary>
public sealed class OrganizationExportShould(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Let_the_admin_and_a_super_admin_download_one_archive_and_refuse_another_organizations_admin()
    {
        await using var portal = await PortalProcess.StartAsync();
        using (var superAdmin = await PortalClient.SignedInAsync(portal))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await superAdmin.CreateOrganizationAsync("Odeon Cinemas", "odeon")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await superAdmin.CreateOrganizationAsync("Vue Cinemas", "vue")).StatusCode);
        }

        await PortalClient.AcceptInvitationAsync(portal, await PortalDatabase.InvitationLinkAsync(portal, "admin@odeon.test"), "Olive Odeon");
        await PortalClient.AcceptInvitationAsync(portal, await PortalDatabase.InvitationLinkAsync(portal, "admin@vue.test"), "Victor Vue");

        var download = "";
        await browser.RunAsync("client-admin-exports", async admin =>
        {
            await SignInPage.SignInAsync(admin, portal, "admin@odeon.test", host: "odeon.localhost");
            await admin.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
            await admin.GetByRole(AriaRole.Link, new() { Name = "Exports", Exact = true }).ClickAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Export the organization" }).ClickAsync();
            await Expect(admin.GetByTestId("notice")).ToHaveTextAsync("Export requested: it is being made below.");

            var link = admin.GetByTestId("download-export"); // the list refreshes itself until the archive is ready
            await Expect(link).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Expect(admin.GetByTestId("export")).ToHaveAttributeAsync("data-status", "Ready");
            download = (await link.GetAttributeAsync("href"))!;

            var file = await admin.RunAndWaitForDownloadAsync(() => link.ClickAsync());
            Assert.Matches(new Regex(@"^odeon-export-\d{8}-\d{4}\.zip$"), file.SuggestedFilename);
            using var archive = ZipFile.OpenRead((await file.PathAsync())!);
            Assert.Equal(["audit-log.csv", "database.dump", "invitations.csv", "members.csv"], archive.Entries.Select(e => e.FullName).Order());
            using var members = new StreamReader(archive.GetEntry("members.csv")!.Open());
            Assert.Contains("admin@odeon.test", await members.ReadToEndAsync());
            Assert.True(archive.GetEntry("database.dump")!.Length > 1000);
        });

        await browser.RunAsync("super-admin-exports", async superAdmin =>
        {
            await SignInPage.SignInAsync(superAdmin, portal);
            await superAdmin.GotoAsync(portal.Url(path: "/admin/organizations/odeon"));
            await superAdmin.GetByTestId("export-link").ClickAsync();
            await Expect(superAdmin).ToHaveURLAsync(portal.Url(path: "/o/odeon/settings/export"));
            var file = await superAdmin.RunAndWaitForDownloadAsync(() => superAdmin.GetByTestId("download-export").ClickAsync());
            Assert.StartsWith("odeon-export-", file.SuggestedFilename);
        });

        await browser.RunAsync("other-admin-refused", async vue =>
        {
            await SignInPage.SignInAsync(vue, portal, "admin@vue.test");
            Assert.Equal(403, (await vue.GotoAsync(portal.Url(path: "/o/odeon/settings/export")))?.Status);
            var id = Regex.Match(download, "/download/([0-9a-f-]{36})").Groups[1].Value;
            Assert.Equal(403, (await vue.GotoAsync(portal.Url(path: $"/o/odeon/settings/export/download/{id}")))?.Status);
            Assert.Equal(404, (await vue.GotoAsync(portal.Url(path: $"/o/vue/settings/export/download/{id}")))?.Status); // not an export of Vue's
        });
    }
}
