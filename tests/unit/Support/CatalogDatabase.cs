using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;
using MarketEdge.Portal.Catalog.Changes;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Tests.Support;

/// <summary>A migrated catalog database of a test's own, and contexts on it that share one cache, as in the portal.</summary>
public sealed class CatalogDatabase
{
    private CatalogDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public CatalogCache Cache { get; } = new(Options.Create(new TenancyOptions()));

    public static async Task<CatalogDatabase> CreateAsync()
    {
        var database = new CatalogDatabase(await TestPostgres.CreateDatabaseAsync("catalog"));
        await using var context = database.NewContext();
        await context.Database.MigrateAsync();
        return database;
    }

    public CatalogDbContext NewContext() => new(new DbContextOptionsBuilder<CatalogDbContext>()
        .UseNpgsql(ConnectionString)
        .AddInterceptors(new CatalogCacheInvalidator(Cache))
        .Options);

    public async Task<Organization> AddOrganizationAsync(string slug, OrganizationStatus status = OrganizationStatus.Active)
    {
        await using var context = NewContext();
        var organization = new Organization { Slug = slug, Name = $"{slug} Ltd", Status = status, PackId = "cinema", SicCode = "59140", FirstAdminEmail = $"admin@{slug}.test" };
        context.Organizations.Add(organization);
        await context.SaveChangesAsync();
        return organization;
    }
}
