using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketEdge.Portal.Tests.Provisioning;

/// <summary>Provisioning that fails, is fixed and retried; databases dropped after the archive grace period; the start-up upgrade.</summary>
public sealed class ProvisioningRecoveryShould
{
    [Fact]
    public async Task Show_failed_with_the_reason_then_finish_when_retried_after_the_cause_is_fixed()
    {
        // A catalog account that may not create databases: the "Create database" step is refused by the server.
        var role = $"limited_{Guid.NewGuid():N}";
        var superuser = TestPostgres.Instance.SuperuserConnectionString("postgres");
        await TestPostgres.ScalarAsync<int>(superuser, $"CREATE ROLE {role} LOGIN PASSWORD 'limited-password' NOCREATEDB");
        await TestPostgres.ScalarAsync<int>(superuser, $"CREATE DATABASE {role} OWNER {role}");
        var catalog = new NpgsqlConnectionStringBuilder(superuser) { Database = role, Username = role, Password = "limited-password" }.ConnectionString;
        await using var portal = new PortalFactory(catalog, bootstrapSuperAdmin: true);
        var admin = await portal.SuperAdminClientAsync();

        await PortalFactory.PostFormAsync(admin, "/admin/organizations/new", "/admin/organizations/new",
            ("Input.Name", "Refused Ltd"), ("Input.Slug", "refused"), ("Input.PackId", "gyms"), ("Input.SicCode", "93130"),
            ("Input.FirstAdminEmail", "admin@refused.test"));

        var failed = await WaitForAsync(portal, "refused", o => o.Status == OrganizationStatus.Failed, TimeSpan.FromSeconds(60));
        Assert.Contains("Create database", failed.FailureReason);
        Assert.Contains("permission denied to create database", failed.FailureReason);
        var page = await PortalFactory.ParseAsync(await admin.GetAsync("/admin/organizations/refused"));
        Assert.Contains("permission denied to create database", page.QuerySelector("[data-testid=failure-reason]")?.TextContent);
        Assert.Equal(4, page.QuerySelectorAll("[data-testid=provisioning-run]").Length); // the first try and three retries with back-off

        await TestPostgres.ScalarAsync<int>(superuser, $"ALTER ROLE {role} CREATEDB");
        var retry = await PortalFactory.PostFormAsync(admin, "/admin/organizations/refused", "/admin/organizations/refused?handler=Retry");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);

        var active = await WaitForAsync(portal, "refused", o => o.Status == OrganizationStatus.Active, TimeSpan.FromSeconds(30));
        Assert.Null(active.FailureReason);
        var after = await PortalFactory.ParseAsync(await admin.GetAsync("/admin/organizations/refused"));
        Assert.Equal("Active", after.QuerySelector("[data-testid=organization-status]")?.TextContent);
    }

    [Fact]
    public async Task Send_no_invitation_for_an_organization_whose_activation_failed()
    {
        await using var portal = await PortalFactory.CreateAsync();
        // Failed, not Provisioning: the portal itself resumes provisioning organizations without a job, and would race this run.
        var organization = await portal.AddOrganizationAsync("never-active", OrganizationStatus.Failed);
        await TestPostgres.ScalarAsync<int>(portal.CatalogConnectionString, """
            CREATE FUNCTION refuse_activation() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'activation refused by the test'; END $$;
            CREATE TRIGGER refuse_activation BEFORE UPDATE ON "Organizations" FOR EACH ROW
                WHEN (NEW."Status" = 'Active' AND NEW."Slug" = 'never-active') EXECUTE FUNCTION refuse_activation();
            SELECT 0;
            """);

        var provisioned = await portal.WithServiceAsync<bool, MarketEdge.Portal.Provisioning.OrganizationProvisioner>(
            provisioner => provisioner.RunAsync(organization.Id, lastAttempt: true, CancellationToken.None));

        Assert.False(provisioned);
        var failed = await portal.WithServiceAsync<Organization, CatalogDbContext>(c => c.Organizations.AsNoTracking().SingleAsync(o => o.Id == organization.Id));
        Assert.Equal(OrganizationStatus.Failed, failed.Status);
        Assert.True(failed.FailureReason!.StartsWith("Activate: "), failed.FailureReason);
        Assert.Equal((0, 0), (
            await portal.WithServiceAsync<int, CatalogDbContext>(c => c.Invitations.CountAsync(i => i.OrganizationId == organization.Id)),
            await portal.WithServiceAsync<int, CatalogDbContext>(c => c.OutboxMessages.CountAsync(m => m.To == "admin@never-active.test"))));
    }

    [Fact]
    public async Task Drop_an_archived_organizations_database_once_the_grace_period_is_over()
    {
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string> { ["Tenancy:DeleteAfter"] = "00:00:02" });
        var organization = await portal.AddOrganizationAsync("short-grace");
        var admin = await portal.SuperAdminClientAsync();
        var database = $"org_{organization.Id:N}";
        Assert.Equal(1, await DatabasesNamedAsync(database));

        await PortalFactory.PostFormAsync(admin, "/admin/organizations/short-grace", "/admin/organizations/short-grace?handler=Archive",
            ("confirmation", "short-grace"));

        var dropped = await WaitForAsync(portal, "short-grace", o => o.DatabaseDroppedAt is not null, TimeSpan.FromSeconds(60));
        Assert.Equal(OrganizationStatus.Archived, dropped.Status);
        Assert.Equal(0, await DatabasesNamedAsync(database));
    }

    [Fact]
    public async Task Upgrade_every_organization_database_at_start_and_show_the_one_that_failed()
    {
        var catalog = await CatalogDatabase.CreateAsync();
        var healthy = await catalog.AddOrganizationAsync("upgrade-healthy");
        var beingDropped = await catalog.AddOrganizationAsync("upgrade-archived", OrganizationStatus.Archived); // its database already gone
        await using (var context = catalog.NewContext())
        {
            context.Organizations.Add(new Organization
            {
                Slug = "upgrade-broken", Name = "Broken", Status = OrganizationStatus.Active, PackId = "cinema", SicCode = "59140",
                FirstAdminEmail = "admin@broken.test", DatabaseServer = "decommissioned",
            });
            await context.SaveChangesAsync();
        }

        await using var portal = new PortalFactory(catalog.ConnectionString, bootstrapSuperAdmin: true);
        var admin = await portal.SuperAdminClientAsync();

        var broken = await WaitForAsync(portal, "upgrade-broken", o => o.MigrationError is not null, TimeSpan.FromSeconds(60));
        Assert.Contains("decommissioned", broken.MigrationError);
        var healthyDatabase = TestPostgres.Instance.ConnectionString($"org_{healthy.Id:N}");
        // The healthy one is upgraded alongside, maybe a moment later.
        Assert.Equal(2, await Eventually.ValueAsync(() => AppliedMigrationsAsync(healthyDatabase), applied => applied >= 2, TimeSpan.FromSeconds(20)));
        Assert.Equal(0, await DatabasesNamedAsync($"org_{beingDropped.Id:N}")); // an archive's dropped database is not brought back empty
        var page = await PortalFactory.ParseAsync(await admin.GetAsync("/admin/organizations/upgrade-broken"));
        Assert.Contains("decommissioned", page.QuerySelector("[data-testid=migration-error]")?.TextContent);
    }

    private static async Task<long> AppliedMigrationsAsync(string database)
    {
        try
        {
            return await TestPostgres.ScalarAsync<long>(database, "SELECT count(*) FROM \"__EFMigrationsHistory\"");
        }
        catch (Npgsql.PostgresException e) when (e.SqlState is Npgsql.PostgresErrorCodes.InvalidCatalogName or Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return 0; // not created or not migrated yet
        }
    }

    private static Task<long> DatabasesNamedAsync(string name) =>
        TestPostgres.ScalarAsync<long>(TestPostgres.Instance.ConnectionString("postgres"), $"SELECT count(*) FROM pg_database WHERE datname = '{name}'");

    private static async Task<Organization> WaitForAsync(PortalFactory portal, string slug, Func<Organization, bool> condition, TimeSpan timeout) =>
        (await Eventually.ReachedAsync(
            () => portal.WithServiceAsync<Organization?, CatalogDbContext>(catalog => catalog.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug)),
            organization => organization is not null && condition(organization), timeout,
            organization => $"{slug} did not reach the expected state; it is {organization?.Status}."))!;
}
