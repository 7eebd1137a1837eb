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
