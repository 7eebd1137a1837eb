using MarketEdge.IndustryPacks;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.TenantData;

/// <summary>Runs a pack's seed step against an organization's own database; what is already there (by name) is left alone, so it can run again.</summary>
public sealed class PackSeeder(TenantDbContextFactory databases)
{
    public sealed record Outcome(int CompetitorsAdded, int OfferingsAdded);

    public async Task<Outcome> SeedAsync(TenantInfo organization, IIndustryPack pack, CancellationToken cancellationToken)
    {
        var seed = new OrganizationSeed(organization.Name);
        await pack.SeedAsync(seed, cancellationToken);

        await using var tenantDb = databases.Create(organization);
        var knownCompetitors = (await tenantDb.Competitors.Select(c => c.Name).ToListAsync(cancellationToken)).ToHashSet();
        var newCompetitors = seed.Competitors.Where(c => knownCompetitors.Add(c.Name)).ToList();
        var knownOfferings = (await tenantDb.Offerings.Select(o => o.Name).ToListAsync(cancellationToken)).ToHashSet();
        var newOfferings = seed.Offerings.Where(o => knownOfferings.Add(o.Name)).ToList();

        tenantDb.Competitors.AddRange(newCompetitors);
        tenantDb.Offerings.AddRange(newOfferings);
        await tenantDb.SaveChangesAsync(cancellationToken);
        return new Outcome(newCompetitors.Count, newOfferings.Count);
    }
}
