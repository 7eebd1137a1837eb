using MarketEdge.IndustryPacks;

namespace MarketEdge.TestPacks.Throwing;

/// <summary>A pack whose constructor fails.</summary>
public sealed class ThrowingPack : IIndustryPack
{
    public ThrowingPack() => throw new InvalidOperationException("The pack's licence file is missing.");

    public string Id => "throwing";

    public string DisplayName => "Throwing";

    public string Description => "Never loads.";

    public Version Version => new(1, 0, 0);

    public IReadOnlyList<string> SicCodes => [];

    public IReadOnlyList<FeatureFlag> FeatureFlags => [];

    public Terminology Terminology => new("site", "competitor", "offering");

    public Task SeedAsync(IOrganizationSeed seed, CancellationToken cancellationToken) => Task.CompletedTask;
}
