using System.Net;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Provisioning;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Provisioning;

/// <summary>Cancelling an archive at the moment its database is being dropped: one of the two wins, whole.</summary>
public sealed class ArchiveRaceShould : IAsyncLifetime
{
    private const int Rounds = 12;
    private PortalFactory _portal = null!;

    public async Task InitializeAsync() => _portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string>
    {
        ["Tenancy:DeleteAfter"] = "00:00:00", // due at once: the drop and the cancel race
    });

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Drop_the_database_once_a_session_the_portal_may_not_end_has_gone()
    {
        // What autovacuum does at random (a worker in the database, which the portal's role may not terminate),
        // done on purpose: another role's session in the organization's database while the drop is due.
        var organization = await _portal.AddOrganizationAsync("drop-bystander");
        await _portal.WithServiceAsync<int, CatalogDbContext>(c => c.Organizations.Where(o => o.Id == organization.Id).ExecuteUpdateAsync(set => set
            .SetProperty(o => o.Status, OrganizationStatus.Archived).SetProperty(o => o.DeletionDueAt, DateTimeOffset.UtcNow))); // archived, due, no drop job of its own
        var role = $"bystander_{Guid.NewGuid():N}";
        await TestPostgres.ScalarAsync<int>(TestPostgres.Instance.SuperuserConnectionString("postgres"), $"CREATE ROLE {role} LOGIN PASSWORD 'bystander-password'; SELECT 0");
        var bystander = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(TestPostgres.Instance.SuperuserConnectionString($"org_{organization.Id:N}"))
            { Username = role, Password = "bystander-password", Pooling = false }.ConnectionString);
        await bystander.OpenAsync();
        var leaves = Task.Delay(TimeSpan.FromMilliseconds(700)).ContinueWith(_ => bystander.DisposeAsync().AsTask()).Unwrap();

        var dropped = await _portal.WithServiceAsync<bool, OrganizationLifecycle>(lifecycle => lifecycle.DropDatabaseIfDueAsync(organization.Id, CancellationToken.None));

        await leaves;
        Assert.True(dropped);
        Assert.Equal(0, await TestPostgres.ScalarAsync<long>(TestPostgres.Instance.ConnectionString("postgres"),
            $"SELECT count(*) FROM pg_database WHERE datname = 'org_{organization.Id:N}'"));
    }

    [Fact]
    public async Task Never_reopen_an_organization_whose_database_is_dropped_when_cancel_and_drop_race()
    {
        var admin = await _portal.SuperAdminClientAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var slug = $"race-drop-{round}";
            var organization = await _portal.AddOrganizationAsync(slug);
            var details = $"/admin/organizations/{slug}";
            await PortalFactory.PostFormAsync(admin, details, $"{details}?handler=Archive", ("confirmation", slug));
            var token = await PortalFactory.AntiforgeryTokenAsync(admin, details);

            await Task.WhenAll(
                admin.PostAsync($"{details}?handler=CancelArchive", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })),
                _portal.WithServiceAsync<bool, OrganizationLifecycle>(lifecycle => lifecycle.DropDatabaseIfDueAsync(organization.Id, CancellationToken.None)));

            var after = await _portal.WithServiceAsync<Organization, CatalogDbContext>(c => c.Organizations.AsNoTracking().SingleAsync(o => o.Id == organization.Id));
            var databaseExists = await TestPostgres.ScalarAsync<long>(TestPostgres.Instance.ConnectionString("postgres"),
                $"SELECT count(*) FROM pg_database WHERE datname = 'org_{organization.Id:N}'") == 1;
            Assert.True(after.Status == OrganizationStatus.Archived ? !databaseExists && after.DatabaseDroppedAt is not null : databaseExists && after.DatabaseDroppedAt is null,
                $"Round {round}: {after.Status}, database {(databaseExists ? "kept" : "dropped")}, dropped at {after.DatabaseDroppedAt}.");
        }
    }
}
