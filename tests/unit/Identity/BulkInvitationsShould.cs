using System.Net;
using System.Text;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>Inviting many people from a CSV list, through the real pages, as an Admin and as those who must not.</summary>
public sealed class BulkInvitationsShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Judge_every_line_send_nothing_until_confirmed_then_send_each_invitation_once()
    {
        var organization = await OrganizationWithAdminAsync("bulk-send");
        await Portal.AddUserAsync("member@bulk-send.test", organization);
        await Portal.WithServiceAsync<int, Portal.Identity.Invitations>(async invitations =>
        {
            await invitations.InviteAsync(organization, "pending@bulk-send.test", MembershipRole.User, null, CancellationToken.None);
            return 0;
        });
        var admin = await SignedInAsync("bulk-send", "admin@bulk-send.test");

        var preview = await UploadAsync(admin, $"""
            email,name,role
            ann@bulk-send.test,Ann Example,User
            bob@bulk-send.test,Bob Example,viewer
            member@bulk-send.test,Already Here,User
            PENDING@bulk-send.test,Already Invited,User
            not an address,Nobody,User
            cat@bulk-send.test,Cat,Owner
            ann@bulk-send.test,Ann Again,User
            dan@bulk-send.test,{new string('D', 101)},User
            """);

        Assert.Equal(HttpStatusCode.Redirect, preview.StatusCode);
        var batchPath = preview.Headers.Location!.OriginalString;
        Assert.Matches("^/users/batch/[0-9a-f-]{36}$", batchPath);
        var page = await PortalFactory.ParseAsync(await admin.GetAsync(batchPath));
        string Outcome(int line) => page.QuerySelector($"[data-testid=batch-rows] tr[data-line='{line}'] [data-testid=row-outcome]")!.TextContent;
        Assert.Equal("Will invite", Outcome(2));
        Assert.Equal("Will invite", Outcome(3));
        Assert.Equal("Already a member", Outcome(4));
        Assert.Equal("Already invited", Outcome(5));
        Assert.StartsWith("Error: Enter one valid email address", Outcome(6));
        Assert.Equal("Error: Choose a role: Admin, User or Viewer.", Outcome(7));
        Assert.Equal("Error: The same address as line 2.", Outcome(8));
        Assert.StartsWith("Error: Keep the name under 100 characters", Outcome(9));
        Assert.Equal("Send 2 invitations", page.QuerySelector("[data-testid=batch-send]")!.TextContent);
        Assert.Equal(0, await OutboxCountAsync("ann@bulk-send.test", "bob@bulk-send.test"));

        var send = await PortalFactory.PostFormAsync(admin, batchPath, $"{batchPath}?handler=Send");
        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        await Eventually.ReachedAsync(() => admin.GetStringAsync(batchPath), html => html.Contains("data-status=\"Finished\""),
            TimeSpan.FromSeconds(30), html => "The list was not sent in time.");

        var invited = await Portal.WithServiceAsync<List<Invitation>, CatalogDbContext>(c =>
            c.Invitations.AsNoTracking().Where(i => i.OrganizationId == organization.Id && i.Email != "pending@bulk-send.test" && i.Email != "admin@bulk-send.test").OrderBy(i => i.Email).ToListAsync());
        Assert.Equal([("ann@bulk-send.test", "Ann Example", MembershipRole.User), ("bob@bulk-send.test", "Bob Example", MembershipRole.Viewer)],
            invited.Select(i => (i.Email, i.DisplayName!, i.Role)));
        Assert.Equal(2, await OutboxCountAsync("ann@bulk-send.test", "bob@bulk-send.test"));
        var body = await Portal.WithServiceAsync<string, CatalogDbContext>(c => c.OutboxMessages.Where(m => m.To == "ann@bulk-send.test").Select(m => m.Body).SingleAsync());
        Assert.StartsWith("Hello Ann Example,", body);

        var finished = await PortalFactory.ParseAsync(await admin.GetAsync(batchPath));
        Assert.Equal(["Invited", "Invited"], finished.QuerySelectorAll("tr[data-outcome=Invited] [data-testid=row-outcome]").Select(c => c.TextContent));
        Assert.Null(finished.QuerySelector("[data-testid=batch-send]"));
        var again = await PortalFactory.PostFormAsync(admin, "/users", $"{batchPath}?handler=Send");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("already been sent", (await PortalFactory.ParseAsync(again)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(2, await OutboxCountAsync("ann@bulk-send.test", "bob@bulk-send.test"));
    }

    [Fact]
    public async Task Send_a_list_once_when_two_confirmations_race()
    {
        await OrganizationWithAdminAsync("bulk-race");
        var admin = await SignedInAsync("bulk-race", "admin@bulk-race.test");
        for (var round = 0; round < 10; round++)
        {
            var batchPath = (await UploadAsync(admin, $"email,name,role\nr{round}@bulk-race.test,R,User\n")).Headers.Location!.OriginalString;
            var token = await PortalFactory.AntiforgeryTokenAsync(admin, batchPath);
            var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => admin.PostAsync($"{batchPath}?handler=Send",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))));

            Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.UnprocessableEntity], answers.Select(a => a.StatusCode).Order());
            await Eventually.ReachedAsync(() => OutboxCountAsync($"r{round}@bulk-race.test"), count => count >= 1, TimeSpan.FromSeconds(30), count => $"{count} sent");
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // a second job, had there been one, would have sent by now
        Assert.Equal(10, await OutboxCountAsync([.. Enumerable.Range(0, 10).Select(r => $"r{r}@bulk-race.test")]));
    }

    [Fact]
    public async Task Refuse_a_list_it_cannot_read_beside_the_field_and_keep_nothing()
    {
        var organization = await OrganizationWithAdminAsync("bulk-bad");
        var admin = await SignedInAsync("bulk-bad", "admin@bulk-bad.test");

        var latin1 = await UploadAsync(admin, Encoding.Latin1.GetBytes("email,name,role\nzoe@bulk-bad.test,Zoë,User\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, latin1.StatusCode);
        Assert.Contains("not UTF-8", (await PortalFactory.ParseAsync(latin1)).QuerySelector("[data-testid=import-file-error]")!.TextContent);

        var pasted = await PortalFactory.PostFormAsync(admin, "/users/import", "/users/import", ("Pasted", "email;name\nzoe@bulk-bad.test;Zoe\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, pasted.StatusCode);
        var form = await PortalFactory.ParseAsync(pasted);
        Assert.Contains("The column \"role\" is missing", form.QuerySelector("[data-testid=import-pasted-error]")!.TextContent);
        Assert.Equal("true", form.QuerySelector("#import-pasted")!.GetAttribute("aria-invalid"));

        var nothing = await PortalFactory.PostFormAsync(admin, "/users/import", "/users/import");
        Assert.Contains("Choose a CSV file", (await PortalFactory.ParseAsync(nothing)).QuerySelector("[data-testid=import-file-error]")!.TextContent);

        Assert.False(await Portal.WithServiceAsync<bool, CatalogDbContext>(c => c.InvitationBatches.AnyAsync(b => b.OrganizationId == organization.Id)));
    }

    [Fact]
    public async Task Keep_users_viewers_and_other_organizations_out_of_every_step()
    {
        var organization = await OrganizationWithAdminAsync("bulk-own");
        await Portal.AddUserAsync("user@bulk-own.test", organization, MembershipRole.User);
        await OrganizationWithAdminAsync("bulk-other");
        var admin = await SignedInAsync("bulk-own", "admin@bulk-own.test");
        var batchPath = (await UploadAsync(admin, "email,name,role\nx@bulk-own.test,X,User\n")).Headers.Location!.OriginalString;

        var user = await SignedInAsync("bulk-own", "user@bulk-own.test");
        foreach (var path in new[] { "/users/import", "/users/import?handler=Template", "/users/export", batchPath })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(path)).StatusCode);
        }

        var userToken = await PortalFactory.AntiforgeryTokenAsync(user, "/account/me");
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsync($"{batchPath}?handler=Send",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = userToken }))).StatusCode);

        var otherAdmin = await SignedInAsync("bulk-other", "admin@bulk-other.test");
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync(batchPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PortalFactory.PostFormAsync(otherAdmin, "/users", $"{batchPath}?handler=Send")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PortalFactory.PostFormAsync(otherAdmin, "/users", $"{batchPath}?handler=Discard")).StatusCode);

        Assert.Equal(InvitationBatchStatus.Previewed, await Portal.WithServiceAsync<InvitationBatchStatus, CatalogDbContext>(c =>
            c.InvitationBatches.Where(b => b.OrganizationId == organization.Id).Select(b => b.Status).SingleAsync()));
        Assert.Equal(0, await OutboxCountAsync("x@bulk-own.test"));
    }

    [Fact]
    public async Task Download_members_and_pending_invitations_with_formulas_escaped()
    {
        var organization = await OrganizationWithAdminAsync("bulk-export");
        var member = await Portal.AddUserAsync("formula@bulk-export.test", organization, MembershipRole.Viewer);
        await Portal.WithServiceAsync<int, CatalogDbContext>(c =>
            c.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.DisplayName, "=HYPERLINK(\"http://evil.test\")")));
        var admin = await SignedInAsync("bulk-export", "admin@bulk-export.test");
        await PortalFactory.PostFormAsync(admin, "/users", "/users?handler=Invite", ("email", "guest@bulk-export.test"), ("role", "User"));

        var download = await admin.GetAsync("/users/export");

        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("bulk-export-users.csv", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        var lines = (await download.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("email,name,role,status,last_sign_in", lines[0]);
        Assert.Matches(@"^admin@bulk-export\.test,admin@bulk-export\.test,Admin,Active,\d{4}-\d\d-\d\d \d\d:\d\d$", lines[1]);
        Assert.Equal("formula@bulk-export.test,\"'=HYPERLINK(\"\"http://evil.test\"\")\",Viewer,Active,", lines[2]);
        Assert.Equal("guest@bulk-export.test,,User,Invited,", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    private async Task<Organization> OrganizationWithAdminAsync(string slug)
    {
        var organization = await Portal.AddOrganizationAsync(slug);
        await Portal.AddUserAsync($"admin@{slug}.test", organization, MembershipRole.Admin);
        return organization;
    }

    private async Task<HttpClient> SignedInAsync(string slug, string email)
    {
        var client = Portal.ClientFor($"{slug}.localhost");
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, email)).StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv) => UploadAsync(client, Encoding.UTF8.GetBytes(csv));

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(await PortalFactory.AntiforgeryTokenAsync(client, "/users/import")), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", "people.csv" },
        };
        return await client.PostAsync("/users/import", form);
    }

    private Task<int> OutboxCountAsync(params string[] addresses) =>
        Portal.WithServiceAsync<int, CatalogDbContext>(c => c.OutboxMessages.CountAsync(m => addresses.Contains(m.To)));
}
