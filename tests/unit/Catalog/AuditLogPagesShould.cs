using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Catalog;

/// <summary>The audit logs: an organization's for its Admins, the platform's for super admins, each with its filters, pages and CSV.</summary>
public sealed class AuditLogPagesShould(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task Show_an_organizations_admin_its_own_events_with_who_and_from_where()
    {
        await OrganizationWithAdminAsync("audit-own");
        await OrganizationWithAdminAsync("audit-else");
        var admin = await SignedInAsync("audit-own", "admin@audit-own.test", "10.77.0.1");
        var elsewhere = await SignedInAsync("audit-else", "admin@audit-else.test");
        await PortalFactory.PostFormAsync(admin, "/users", "/users?handler=Invite", ("email", "guest@audit-own.test"), ("role", "Viewer"));
        await PortalFactory.PostFormAsync(elsewhere, "/users", "/users?handler=Invite", ("email", "guest@audit-else.test"), ("role", "Viewer"));

        var page = await PortalFactory.ParseAsync(await admin.GetAsync("/audit"));

        var sent = page.QuerySelector("[data-testid=audit-log] tr[data-action='invitation.sent']")!;
        Assert.Equal(["admin@audit-own.test", "invitation.sent", "guest@audit-own.test as Viewer", "10.77.0.1"],
            sent.QuerySelectorAll("td").Skip(1).Select(c => c.TextContent));
        Assert.NotNull(page.QuerySelector("[data-testid=audit-log] tr[data-action='account.signed-in']"));
        Assert.DoesNotContain("audit-else", page.QuerySelector("[data-testid=audit-log]")!.TextContent);
    }

    [Fact]
    public async Task Filter_by_person_action_and_days_and_refuse_days_that_cannot_be_used_beside_their_field()
    {
        var organization = await OrganizationWithAdminAsync("audit-filter");
        await Portal.AddUserAsync("second@audit-filter.test", organization, MembershipRole.Admin);
        var admin = await SignedInAsync("audit-filter", "admin@audit-filter.test");
        var second = await SignedInAsync("audit-filter", "second@audit-filter.test");
        await PortalFactory.PostFormAsync(admin, "/users", "/users?handler=Invite", ("email", "one@audit-filter.test"), ("role", "User"));
        await PortalFactory.PostFormAsync(second, "/users", "/users?handler=Invite", ("email", "two@audit-filter.test"), ("role", "User"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");

        var bySecond = await RowsAsync(admin, $"/audit?person=SECOND@&what=invitation.sent&from={today}&to={today}");
        Assert.Equal(["two@audit-filter.test as User"], bySecond.Select(r => r[3]));
        Assert.Empty(await RowsAsync(admin, $"/audit?what=invitation.sent&to={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}"));

        var wrongOrder = await admin.GetAsync($"/audit?from={today}&to={DateTime.UtcNow.AddDays(-2):yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongOrder.StatusCode);
        Assert.Equal("The first day is after the last day.", (await PortalFactory.ParseAsync(wrongOrder)).QuerySelector("[data-testid=audit-to-error]")!.TextContent);
        var notADay = await admin.GetAsync("/audit?from=yesterday");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notADay.StatusCode);
        var form = await PortalFactory.ParseAsync(notADay);
        Assert.Equal("Enter a day like 2026-12-06.", form.QuerySelector("[data-testid=audit-from-error]")!.TextContent);
        Assert.DoesNotContain("yesterday", form.QuerySelector("[data-testid=audit-from-error]")!.TextContent);
    }

    [Fact]
    public async Task Page_through_older_events_and_download_the_filtered_events_as_csv()
    {
        var organization = await OrganizationWithAdminAsync("audit-pages");
        await Portal.WithServiceAsync<int, CatalogDbContext>(catalog =>
        {
            catalog.AuditEvents.AddRange(Enumerable.Range(1, 60).Select(n => new AuditEvent
            {
                Action = "test.event", OrganizationId = organization.Id, Details = n == 1 ? "=HYPERLINK(\"http://evil.test\")" : $"event {n}",
            }));
            return catalog.SaveChangesAsync();
        });
        var admin = await SignedInAsync("audit-pages", "admin@audit-pages.test");

        var first = await PortalFactory.ParseAsync(await admin.GetAsync("/audit?what=test.event"));
        Assert.Equal(50, first.QuerySelectorAll("[data-testid=audit-log] tbody tr").Length);
        Assert.Equal("event 60", first.QuerySelector("[data-testid=audit-log] tbody tr td:nth-child(4)")!.TextContent);
        var older = first.QuerySelector("[data-testid=audit-older]")!.GetAttribute("href")!;
        var second = await PortalFactory.ParseAsync(await admin.GetAsync(older));
        Assert.Equal(10, second.QuerySelectorAll("[data-testid=audit-log] tbody tr").Length);
        Assert.Null(second.QuerySelector("[data-testid=audit-older]"));

        var download = await admin.GetAsync(first.QuerySelector("[data-testid=audit-download]")!.GetAttribute("href")!);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        var lines = (await download.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("occurred_at_utc,actor_email,actor_name,organization,action,details,client_address,support_by_email", lines[0]);
        Assert.Equal(61, lines.Length);
        Assert.EndsWith(",,,audit-pages,test.event,\"'=HYPERLINK(\"\"http://evil.test\"\")\",,", lines[60]);
    }

    [Fact]
    public async Task Keep_users_and_viewers_out_and_show_super_admins_every_organization_and_the_platform()
    {
        var organization = await OrganizationWithAdminAsync("audit-roles");
        await Portal.AddUserAsync("user@audit-roles.test", organization, MembershipRole.User);
        await Portal.AddUserAsync("viewer@audit-roles.test", organization, MembershipRole.Viewer);
        foreach (var email in new[] { "user@audit-roles.test", "viewer@audit-roles.test" })
        {
            var member = await SignedInAsync("audit-roles", email);
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/audit")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/audit?handler=Csv")).StatusCode);
        }

        await SignedInAsync("audit-roles", "admin@audit-roles.test");
        var superAdmin = await Portal.SuperAdminClientAsync();
        var everything = await RowsAsync(superAdmin, "/admin/audit?what=superadmin.created");
        Assert.Equal("platform", Assert.Single(everything)[2]);
        var oneOrganization = await RowsAsync(superAdmin, "/admin/audit?organization=audit-roles&what=account.signed-in");
        Assert.NotEmpty(oneOrganization);
        Assert.All(oneOrganization, row => Assert.Equal("audit-roles", row[2]));
    }

    private static async Task<List<string[]>> RowsAsync(HttpClient client, string path)
    {
        var page = await PortalFactory.ParseAsync(await client.GetAsync(path));
        return page.QuerySelectorAll("[data-testid=audit-log] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
    }

    private async Task<Organization> OrganizationWithAdminAsync(string slug)
    {
        var organization = await Portal.AddOrganizationAsync(slug);
        await Portal.AddUserAsync($"admin@{slug}.test", organization, MembershipRole.Admin);
        return organization;
    }

    private async Task<HttpClient> SignedInAsync(string slug, string email, string? address = null)
    {
        var client = Portal.ClientFor($"{slug}.localhost", address);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, email)).StatusCode);
        return client;
    }
}
