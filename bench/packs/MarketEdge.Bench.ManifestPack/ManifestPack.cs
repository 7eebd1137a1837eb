using System.Text.Json;
using MarketEdge.IndustryPacks;

namespace MarketEdge.Bench.ManifestPack;

/// <summary>
/// A pack that takes its id and name from the pack.json beside it, so that one build can be installed
/// as any number of distinct packs: the cold-start benchmark loads fifty of them.
/// </summary>
internal sealed class ManifestPack : IIndustryPack
{
    public ManifestPack()
    {
        var folder = Path.GetDirectoryName(typeof(ManifestPack).Assembly.Location)!;
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, PackManifest.FileName)));
        Id = manifest.RootElement.GetProperty("id").GetString()!;
        DisplayName = manifest.RootElement.GetProperty("name").GetString()!;
    }

    public string Id { get; }

    public string DisplayName { get; }

    public string Description => $"{DisplayName}: a benchmark pack with one module and a little seed data.";

    public Version Version { get; } = typeof(ManifestPack).Assembly.GetName().Version!;

    public IReadOnlyList<string> SicCodes { get; } = ["47190"];

    public IReadOnlyList<FeatureFlag> FeatureFlags { get; } = [new("price-watch", "Price watch", "Compare prices with nearby rivals.", true)];

    public Terminology Terminology { get; } = new(Site: "store", Competitor: "rival", Offering: "product");

    public Task SeedAsync(IOrganizationSeed seed, CancellationToken cancellationToken)
    {
        seed.AddCompetitor("Rival One", "London EC1");
        seed.AddOffering("Basket", "A typical weekly basket", 42m);
        return Task.CompletedTask;
    }
}
