using MarketEdge.IndustryPacks;
using MarketEdge.TestPacks.Helper;

namespace MarketEdge.TestPacks.NeedsHelper;

/// <summary>A sound pack that needs its own dependency (MarketEdge.TestPacks.Helper) from its folder.</summary>
public sealed class NeedsHelperPack : IIndustryPack
{
    private readonly string _entryPrice = PriceFormat.Pounds(9.5m);

    public string Id => "needs-helper";

    public string DisplayName => "Needs helper";

    public string Description => $"Loads only with its helper beside it; entry from {_entryPrice}.";

    public Version Version => new(1, 0, 0);

    public IReadOnlyList<string> SicCodes => ["59140"];

    public IReadOnlyList<FeatureFlag> FeatureFlags => [new("helped", "Helped", "Uses the helper.", true)];

    public Terminology Terminology => new("site", "competitor", "offering");

    public Task SeedAsync(IOrganizationSeed seed, CancellationToken cancellationToken) => Task.CompletedTask;
}
