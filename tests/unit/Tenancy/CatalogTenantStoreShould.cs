using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MarketEdge.Portal.Catalog.Changes;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Tests.Tenancy;

public sealed class CatalogTenantStoreShould
{
    [Fact]
    public async Task Find_an_organization_by_its_slug()
    {
        var catalog = await CatalogDatabase.CreateAsync();
        var odeon = await catalog.AddOrganizationAsync("odeon");

        var found = await FindAsync(catalog, "odeon");

        Assert.Equal(odeon.Id, found?.Id);
        Assert.Equal(OrganizationStatus.Active, found?.Status);
        Assert.Equal($"org_{odeon.Id:N}", found?.DatabaseName);
    }

    [Theory]
    [InlineData("nosuch")]          // well formed, not there
    [InlineData("a.b")]             // not a slug at all: never reaches the database
    [InlineData("x")]
    public async Task Find_nothing_for_an_unknown_or_malformed_slug(string slug)
    {
        var catalog = await CatalogDatabase.CreateAsync();
        await catalog.AddOrganizationAsync("odeon");

        Assert.Null(await FindAsync(catalog, slug));
    }

    [Fact]
    public async Task Serve_repeated_look_ups_from_its_cache()
    {
        var catalog = await CatalogDatabase.CreateAsync();
        await catalog.AddOrganizationAsync("odeon");
        await FindAsync(catalog, "odeon");

        // A change that bypasses the catalog context (and so its invalidation) is not seen while cached.
        await using (var context = catalog.NewContext())
        {
            await context.Organizations.Where(o => o.Slug == "odeon")
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.Name, "Changed behind the cache"));
        }

        Assert.Equal("odeon Ltd", (await FindAsync(catalog, "odeon"))?.Name);
    }

    [Fact]
    public async Task Forget_an_organization_as_soon_as_it_changes()
    {
        var catalog = await CatalogDatabase.CreateAsync();
        await catalog.AddOrganizationAsync("odeon");
        Assert.Equal(OrganizationStatus.Active, (await FindAsync(catalog, "odeon"))?.Status);

        await using (var context = catalog.NewContext())
        {
            var odeon = await context.Organizations.SingleAsync(o => o.Slug == "odeon");
            odeon.Status = OrganizationStatus.Suspended;
            await context.SaveChangesAsync();
        }

        Assert.Equal(OrganizationStatus.Suspended, (await FindAsync(catalog, "odeon"))?.Status);
    }

    [Fact]
    public async Task Forget_both_the_old_and_the_new_slug_when_a_slug_changes()
    {
        var catalog = await CatalogDatabase.CreateAsync();
        await catalog.AddOrganizationAsync("odeon");
        Assert.Null(await FindAsync(catalog, "odeon-cinemas"));    // cached as missing
        Assert.NotNull(await FindAsync(catalog, "odeon"));         // cached as present

        await using (var context = catalog.NewContext())
        {
            var odeon = await context.Organizations.SingleAsync(o => o.Slug == "odeon");
            odeon.Slug = "odeon-cinemas";
            await context.SaveChangesAsync();
        }

        Assert.Null(await FindAsync(catalog, "odeon"));
        Assert.NotNull(await FindAsync(catalog, "odeon-cinemas"));
    }

    [Fact]
    public async Task Forget_again_when_the_transaction_of_a_change_commits()
    {
        var catalog = await CatalogDatabase.CreateAsync();
        await catalog.AddOrganizationAsync("odeon");
        await using var context = catalog.NewContext();
        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            var odeon = await context.Organizations.SingleAsync(o => o.Slug == "odeon");
            odeon.Status = OrganizationStatus.Suspended;
            await context.SaveChangesAsync();
            Assert.Equal(OrganizationStatus.Active, (await FindAsync(catalog, "odeon"))?.Status); // a request in between caches the state before the commit

            await transaction.CommitAsync();
        }

        Assert.Equal(OrganizationStatus.Suspended, (await FindAsync(catalog, "odeon"))?.Status);
    }

    [Fact]
    public async Task Find_an_organization_created_after_a_miss_was_cached()
    {
        var catalog = await CatalogDatabase.CreateAsync();
        Assert.Null(await FindAsync(catalog, "vue"));

        await catalog.AddOrganizationAsync("vue");

        Assert.NotNull(await FindAsync(catalog, "vue"));
    }

    [Fact]
    public async Task Keep_lookups_of_unknown_names_within_a_bounded_cache()
    {
        var catalog = await CatalogDatabase.CreateAsync();
        using var bounded = new CatalogCache(Options.Create(new TenancyOptions()), size: 20);

        for (var n = 0; n < 200; n++)
        {
            Assert.Null(await FindAsync(catalog, $"nobody-{n}", bounded));
        }

        Assert.InRange(bounded.Count, 1, 20);
    }

    private static async Task<TenantInfo?> FindAsync(CatalogDatabase catalog, string slug, CatalogCache? cache = null)
    {
        await using var context = catalog.NewContext();
        var store = new CatalogTenantStore(context, cache ?? catalog.Cache);
        return await store.FindAsync(slug, CancellationToken.None);
    }
}
