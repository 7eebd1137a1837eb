using System.Net;
using System.Text;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity.Bulk;
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
        Assert.StartsWith("Error: Use a name of at most 100 characters", Outcome(9));
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
    public async Task Invite_each_address_once_when_two_lists_with_it_are_sent_at_once()
    {
        await OrganizationWithAdminAsync("bulk-twice");
        var admin = await SignedInAsync("bulk-twice", "admin@bulk-twice.test");
        var list = "email,name,role\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"p{i}@bulk-twice.test,P {i},User\n"));
        var paths = new[] { await PreviewAsync(admin, list), await PreviewAsync(admin, list) };
        var token = await PortalFactory.AntiforgeryTokenAsync(admin, paths[0]);

        await Task.WhenAll(paths.Select(path => admin.PostAsync($"{path}?handler=Send",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))));
        foreach (var path in paths)
        {
            await Eventually.ReachedAsync(() => admin.GetStringAsync(path), html => html.Contains("data-status=\"Finished\""),
                TimeSpan.FromSeconds(60), _ => $"{path} was not sent in time.");
        }

        var perAddress = await Portal.WithServiceAsync<List<int>, CatalogDbContext>(c => c.OutboxMessages
            .Where(m => m.To.EndsWith("@bulk-twice.test") && m.To != "admin@bulk-twice.test").GroupBy(m => m.To).Select(g => g.Count()).ToListAsync());
        Assert.Equal(60, perAddress.Count);
        Assert.All(perAddress, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Name_the_admin_who_confirmed_as_the_inviter_and_refuse_one_demoted_since()
    {
        var organization = await OrganizationWithAdminAsync("bulk-who");
        var confirmer = await Portal.AddUserAsync("second@bulk-who.test", organization, MembershipRole.Admin);
        var maker = await SignedInAsync("bulk-who", "admin@bulk-who.test");
        var path = await PreviewAsync(maker, "email,name,role\nnew@bulk-who.test,New,User\n");
        var other = await SignedInAsync("bulk-who", "second@bulk-who.test");

        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(other, path, $"{path}?handler=Send")).StatusCode);
        var invitedBy = await Eventually.ReachedAsync(() => Portal.WithServiceAsync<Guid?, CatalogDbContext>(c =>
            c.Invitations.Where(i => i.Email == "new@bulk-who.test").Select(i => i.InvitedByUserId).SingleOrDefaultAsync()), by => by is not null,
            TimeSpan.FromSeconds(30), _ => "Not invited in time.");
        Assert.Equal(confirmer.Id, invitedBy);

        var later = await PreviewAsync(maker, "email,name,role\nlater@bulk-who.test,Later,User\n");
        var token = await PortalFactory.AntiforgeryTokenAsync(maker, later);
        await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Memberships.Where(m => m.OrganizationId == organization.Id && m.User.Email == "admin@bulk-who.test")
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Role, MembershipRole.User)));
        var refused = await maker.PostAsync($"{later}?handler=Send", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, await OutboxCountAsync("later@bulk-who.test"));
    }

    [Fact]
    public async Task Stop_sending_when_the_organization_is_suspended_and_resume_a_list_left_without_its_job()
    {
        var organization = await OrganizationWithAdminAsync("bulk-stop");
        var admin = await SignedInAsync("bulk-stop", "admin@bulk-stop.test");
        var suspendedList = await SendingListAsync(organization, "held@bulk-stop.test");
        await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Organizations.Where(o => o.Id == organization.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.Status, OrganizationStatus.Suspended)));

        await Portal.WithServiceAsync<int, InvitationBatches>(async batches => { await batches.SendAsync(suspendedList, CancellationToken.None); return 0; });

        Assert.Equal(0, await OutboxCountAsync("held@bulk-stop.test"));
        var held = await Portal.WithServiceAsync<InvitationBatchRow, CatalogDbContext>(c => c.InvitationBatchRows.SingleAsync(r => r.BatchId == suspendedList));
        Assert.Equal((InvitationRowOutcome.Skipped, "Not sent: the organization is Suspended."), (held.Outcome, held.Reason));

        await Portal.WithServiceAsync<int, CatalogDbContext>(c => c.Organizations.Where(o => o.Id == organization.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.Status, OrganizationStatus.Active)));
        var stalled = await SendingListAsync(organization, "stalled@bulk-stop.test"); // Sending, but its job is gone (a failed run)
        var page = await PortalFactory.ParseAsync(await admin.GetAsync($"/users/batch/{stalled}"));
        Assert.NotNull(page.QuerySelector("[data-testid=batch-resume]"));
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(admin, "/users", $"/users/batch/{stalled}?handler=Resume")).StatusCode);
        await Eventually.ReachedAsync(() => OutboxCountAsync("stalled@bulk-stop.test"), count => count == 1, TimeSpan.FromSeconds(30), count => $"{count} sent");
    }

    [Fact]
    public async Task Refuse_names_on_several_lines_and_lists_beyond_the_daily_allowance()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string> { ["Invitations:PerOrganizationPerDay"] = "3" });
        var organization = await portal.AddOrganizationAsync("bulk-cap");
        await portal.AddUserAsync("admin@bulk-cap.test", organization, MembershipRole.Admin);
        var admin = portal.ClientFor("bulk-cap.localhost");
        await PortalFactory.SignInAsync(admin, "admin@bulk-cap.test");

        var path = await PreviewAsync(admin, "email,name,role\na@bulk-cap.test,\"Ann\n\nYour account is locked: http://evil.test\",User\nb@bulk-cap.test,B,User\nc@bulk-cap.test,C,User\nd@bulk-cap.test,D,User\n");
        var page = await PortalFactory.ParseAsync(await admin.GetAsync(path));
        Assert.Equal("Error: Put the name on one line, without control characters.", page.QuerySelector("tr[data-line='2'] [data-testid=row-outcome]")!.TextContent);
        Assert.Equal("Send 3 invitations", page.QuerySelector("[data-testid=batch-send]")!.TextContent);

        await PortalFactory.PostFormAsync(admin, "/users", "/users?handler=Invite", ("email", "first@bulk-cap.test"), ("role", "User"));
        var refused = await PortalFactory.PostFormAsync(admin, path, $"{path}?handler=Send");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("at most 3 invitations a day", (await PortalFactory.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(0, await portal.WithServiceAsync<int, CatalogDbContext>(c => c.OutboxMessages.CountAsync(m => m.To.EndsWith("@bulk-cap.test") && m.To != "first@bulk-cap.test")));
    }

    [Fact]
    public async Task Refuse_a_file_over_one_megabyte_beside_the_field()
    {
        await OrganizationWithAdminAsync("bulk-large");
        var admin = await SignedInAsync("bulk-large", "admin@bulk-large.test");

        var large = await UploadAsync(admin, Encoding.UTF8.GetBytes("email,name,role\n" + new string('x', 3 * 1024 * 1024 / 2)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, large.StatusCode);
        Assert.Contains("larger than 1 MB", (await PortalFactory.ParseAsync(large)).QuerySelector("[data-testid=import-file-error]")!.TextContent);
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

    private static async Task<string> PreviewAsync(HttpClient client, string csv)
    {
        var preview = await UploadAsync(client, csv);
        Assert.Equal(HttpStatusCode.Redirect, preview.StatusCode);
        return preview.Headers.Location!.OriginalString;
    }

    /// <summary>A list already confirmed, as the job finds it: Sending, its one line still to send, no job scheduled.</summary>
    private Task<Guid> SendingListAsync(Organization organization, string email) =>
        Portal.WithServiceAsync<Guid, CatalogDbContext>(async catalog =>
        {
            var batch = new InvitationBatch { OrganizationId = organization.Id, CreatedAt = DateTimeOffset.UtcNow, Status = InvitationBatchStatus.Sending };
            batch.Rows.Add(new InvitationBatchRow { Line = 2, Email = email, Name = "Held", Role = "User" });
            catalog.InvitationBatches.Add(batch);
            await catalog.SaveChangesAsync();
            return batch.Id;
        });

    private Task<int> OutboxCountAsync(params string[] addresses) =>
        Portal.WithServiceAsync<int, CatalogDbContext>(c => c.OutboxMessages.CountAsync(m => addresses.Contains(m.To)));
}
