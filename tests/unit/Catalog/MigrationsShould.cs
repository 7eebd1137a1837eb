using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tests.Support;
using MarketEdge.Portal.TenantData;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Tests.Catalog;

/// <summary>
/// The migrations are written by hand (the EF design-time package does not restore here), so this
/// proves they build exactly the schema the EF model describes: any drift fails here, not in production.
/// </summary>
public sealed class MigrationsShould
{
    [Fact]
    public async Task Build_the_catalog_schema_the_model_describes() =>
        await AssertMigrationsMatchModel(cs => new CatalogDbContext(
            new DbContextOptionsBuilder<CatalogDbContext>().UseNpgsql(cs).Options));

    [Fact]
    public async Task Build_the_organization_schema_the_model_describes() =>
        await AssertMigrationsMatchModel(cs => new TenantDbContext(
            new DbContextOptionsBuilder<TenantDbContext>().UseNpgsql(cs).Options));

    [Fact]
    public async Task Leave_nothing_pending_once_applied()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        await using var context = new CatalogDbContext(
            new DbContextOptionsBuilder<CatalogDbContext>().UseNpgsql(connectionString).Options);
        await context.Database.MigrateAsync();

        Assert.NotEmpty(await context.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
    }

    private static async Task AssertMigrationsMatchModel(Func<string, DbContext> createContext)
    {
        var migratedDatabase = await TestPostgres.CreateDatabaseAsync("migrated");
        await using (var migrated = createContext(migratedDatabase))
        {
            await migrated.Database.MigrateAsync();
        }

        var modelDatabase = await TestPostgres.CreateDatabaseAsync("model");
        await using (var fromModel = createContext(modelDatabase))
        {
            Assert.True(await fromModel.Database.EnsureCreatedAsync()); // the database is there and empty: the model's tables are made in it
        }

        var expected = await SchemaSnapshot.ReadAsync(modelDatabase);
        var actual = await SchemaSnapshot.ReadAsync(migratedDatabase);
        Assert.NotEmpty(expected);
        Assert.True(expected.SequenceEqual(actual),
            "Migrations and model differ.\nOnly in the model:\n  " + string.Join("\n  ", expected.Except(actual))
            + "\nOnly in the migrations:\n  " + string.Join("\n  ", actual.Except(expected)));
    }
}
