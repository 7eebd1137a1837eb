using System.IO.Compression;
using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.Exports;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketEdge.Portal.Tests.Provisioning;

/// <summary>
/// An organization's export through the real pages and the real background job: one archive with its database
/// (restored here into an empty database, row for row) and its people and audit log; for its admins only; 24 hours.
/// </summary>
public sealed class OrganizationExportShould
{
    [Fact]
    public async Task Make_one_archive_whose_database_restores_into_an_empty_one_with_the_same_rows()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var organization = await portal.AddOrganizationAsync("exp-full");
        await portal.AddUserAsync("admin@exp-full.test", organization, MembershipRole.Admin);
        await portal.AddUserAsync("member@exp-full.test", organization);
        var source = await OrganizationDatabaseAsync(portal, organization);
        await using (var connection = new NpgsqlConnection(source))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""INSERT INTO "Competitors" ("Id", "Name", "Location", "CreatedAt") VALUES (gen_random_uuid(), 'Vue Leicester Square', 'London', now()), (gen_random_uuid(), 'Curzon Soho', 'London', now())""", connection);
            await insert.ExecuteNonQueryAsync();
        }

        var admin = await SignedInAsync(portal, "admin@exp-full.test");
        var archive = await ExportAsync(admin, "exp-full");

        Assert.Equal(["audit-log.csv", "database.dump", "invitations.csv", "members.csv"], archive.Entries.Select(e => e.FullName).Order());
        var members = await ReadAsync(archive, "members.csv");
        Assert.Contains("admin@exp-full.test", members);
        Assert.Contains("member@exp-full.test", members);
        Assert.Contains("organization.export-requested", await ReadAsync(archive, "audit-log.csv"));

        var dump = Path.Combine(portal.DataDirectory, "restore-me.dump");
        await using (var file = File.Create(dump))
        {
            await archive.GetEntry("database.dump")!.Open().CopyToAsync(file);
        }

        var restored = await TestPostgres.CreateDatabaseAsync("restored");
        var target = new NpgsqlConnectionStringBuilder(restored);
        var result = ProcessRunner.Run(Path.Combine(PostgresBin, "pg_restore"),
            ["--no-owner", "--exit-on-error", $"--host={target.Host}", $"--port={target.Port}", $"--username={target.Username}", $"--dbname={target.Database}", dump],
            TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["PGPASSWORD"] = target.Password ?? "" });
        Assert.True(result.Succeeded, result.Output);

        var expected = await RowCountsAsync(source);
        Assert.Equal(2, expected["Competitors"]);
        Assert.Equal(expected, await RowCountsAsync(restored));
    }

    [Fact]
    public async Task Be_requested_and_downloaded_by_the_organizations_admins_only_and_for_a_day()
    {
        var clock = new ShiftedClock();
        await using var portal = await PortalFactory.CreateAsync(clock: clock);
        var organization = await portal.AddOrganizationAsync("exp-mine");
        await portal.AddOrganizationAsync("exp-other");
        await portal.AddUserAsync("admin@exp-mine.test", organization, MembershipRole.Admin);
        await portal.AddUserAsync("user@exp-mine.test", organization, MembershipRole.User);
        var other = await portal.WithServiceAsync<Organization, CatalogDbContext>(catalog => catalog.Organizations.SingleAsync(o => o.Slug == "exp-other"));
        await portal.AddUserAsync("admin@exp-other.test", other, MembershipRole.Admin);

        var admin = await SignedInAsync(portal, "admin@exp-mine.test");
        await ExportAsync(admin, "exp-mine");
        var download = await DownloadLinkAsync(admin, "exp-mine");

        var user = await SignedInAsync(portal, "user@exp-mine.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/o/exp-mine/settings/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(download)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PortalFactory.PostFormAsync(user, "/account/me", "/o/exp-mine/settings/export")).StatusCode);

        var stranger = await SignedInAsync(portal, "admin@exp-other.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(download)).StatusCode); // not a member there
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(download.Replace("/o/exp-mine/", "/o/exp-other/"))).StatusCode); // not an export of theirs

        clock.Advance(OrganizationExports.KeptFor);
        admin = await SignedInAsync(portal, "admin@exp-mine.test"); // yesterday's session has ended too
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(download)).StatusCode);
        var exportId = Guid.Parse(System.Text.RegularExpressions.Regex.Match(download, "/download/([0-9a-f-]{36})").Groups[1].Value);
        await portal.WithServiceAsync<int, OrganizationExports>(async exports =>
        {
            await exports.DeleteIfExpiredAsync(exportId, CancellationToken.None);
            return 0;
        });
        Assert.False(File.Exists(Path.Combine(portal.DataDirectory, "exports", $"{exportId:N}.zip")));
        var actions = await portal.WithServiceAsync<List<string>, CatalogDbContext>(catalog =>
            catalog.AuditEvents.Where(e => e.OrganizationId == organization.Id).Select(e => e.Action).ToListAsync());
        Assert.Contains("organization.export-requested", actions);
        Assert.Contains("organization.export-downloaded", actions);
        Assert.Contains("organization.export-deleted", actions);
    }

    [Fact]
    public async Task Make_one_at_a_time_keep_only_the_newest_archive_and_at_most_five_a_day()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var organization = await portal.AddOrganizationAsync("exp-limits");
        await portal.AddUserAsync("admin@exp-limits.test", organization, MembershipRole.Admin);
        var admin = await SignedInAsync(portal, "admin@exp-limits.test");

        var token = await PortalFactory.AntiforgeryTokenAsync(admin, "/o/exp-limits/settings/export");
        var racing = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => admin.PostAsync("/o/exp-limits/settings/export",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))));
        Assert.All(racing, answer => Assert.True(answer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Conflict, $"{answer.StatusCode}"));
        Assert.Equal(1, await ExportCountAsync(portal, organization));
        var first = await DownloadLinkAsync(admin, "exp-limits");

        for (var made = 2; made <= OrganizationExports.MostPerDay; made++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.PostFormAsync(admin, "/o/exp-limits/settings/export", "/o/exp-limits/settings/export")).StatusCode);
            await DownloadLinkAsync(admin, "exp-limits");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(first)).StatusCode); // replaced by the newest: one archive on disk
        Assert.Single(Directory.GetFiles(Path.Combine(portal.DataDirectory, "exports"), "*.zip"));
        var refused = await PortalFactory.PostFormAsync(admin, "/o/exp-limits/settings/export", "/o/exp-limits/settings/export");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("at most 5 times in 24 hours", (await PortalFactory.ParseAsync(refused)).QuerySelector("[data-testid=export-error]")?.TextContent);
        Assert.Equal(OrganizationExports.MostPerDay, await ExportCountAsync(portal, organization));
    }

    private static Task<int> ExportCountAsync(PortalFactory portal, Organization organization) =>
        portal.WithServiceAsync<int, CatalogDbContext>(catalog => catalog.OrganizationExports.CountAsync(e => e.OrganizationId == organization.Id));

    private static async Task<HttpClient> SignedInAsync(PortalFactory portal, string email)
    {
        var client = portal.ClientFor();
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, email)).StatusCode);
        return client;
    }

    /// <summary>Requests an export, waits for the job to make it, and opens the archive downloaded.</summary>
    private static async Task<ZipArchive> ExportAsync(HttpClient admin, string slug)
    {
        var requested = await PortalFactory.PostFormAsync(admin, $"/o/{slug}/settings/export", $"/o/{slug}/settings/export");
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        var link = await DownloadLinkAsync(admin, slug);
        var answer = await admin.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/zip", answer.Content.Headers.ContentType?.MediaType);
        return new ZipArchive(new MemoryStream(await answer.Content.ReadAsByteArrayAsync()));
    }

    private static async Task<string> DownloadLinkAsync(HttpClient admin, string slug)
    {
        var page = await Eventually.ReachedAsync(
            async () => await PortalFactory.ParseAsync(await admin.GetAsync($"/o/{slug}/settings/export")),
            page => page.QuerySelector("[data-testid=export]")?.GetAttribute("data-status") is "Ready" or "Failed",
            TimeSpan.FromSeconds(60), page => $"The export is still {page.QuerySelector("[data-testid=export]")?.GetAttribute("data-status")}.");
        Assert.Null(page.QuerySelector("[data-testid=export-failure]")?.TextContent);
        return page.QuerySelector("[data-testid=download-export]")!.GetAttribute("href")!;
    }

    private static async Task<string> ReadAsync(ZipArchive archive, string name)
    {
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return await reader.ReadToEndAsync();
    }

    private static Task<string> OrganizationDatabaseAsync(PortalFactory portal, Organization organization) =>
        portal.WithServiceAsync<string, DatabaseServers>(servers => Task.FromResult(servers.ConnectionStringFor(TenantInfo.From(organization))));

    private static async Task<Dictionary<string, long>> RowCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private static string PostgresBin => Directory.GetDirectories("/usr/lib/postgresql")
        .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var version) ? version : 0)
        .Select(dir => Path.Combine(dir, "bin"))
        .First(dir => File.Exists(Path.Combine(dir, "pg_restore")));
}
