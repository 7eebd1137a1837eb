namespace MarketEdge.IndustryPacks.Retail;

/// <summary>Retailers: shelf prices, ranges and promotions against rival stores and online sellers.</summary>
internal sealed class RetailPack : IIndustryPack
{
    public string Id => "retail";

    public string DisplayName => "Retail";

    public string Description => "For retailers in store and online: shelf prices, product ranges and promotions against rival stores.";

    public Version Version { get; } = typeof(RetailPack).Assembly.GetName().Version!;

    public IReadOnlyList<string> SicCodes { get; } =
    [
        "47110", "47190",                      // non-specialised stores (supermarkets, department stores)
        "47410", "47540", "47640", "47650",    // computers, electrical appliances, sports goods, toys
        "47710", "47721", "47722",             // clothing, footwear, leather goods
        "47789", "47910", "47990",             // other specialised, mail order and internet, other non-store
    ];

    public IReadOnlyList<FeatureFlag> FeatureFlags { get; } =
    [
        new("price-monitoring", "Price monitoring", "Track shelf and online prices of matching products at rival retailers.", true),
        new("promotion-tracking", "Promotion tracking", "See rival promotions and multibuys as they start and end.", true),
        new("range-gap-analysis", "Range gap analysis", "Find products your rivals stock and you do not.", false),
        new("footfall-insights", "Footfall insights", "Estimate visits to rival stores near yours.", false),
    ];

    public Terminology Terminology { get; } = new(Site: "store", Competitor: "rival retailer", Offering: "product line");

    public Task SeedAsync(IOrganizationSeed seed, CancellationToken cancellationToken)
    {
        seed.AddCompetitor("Tesco Extra Manchester", "Manchester M12");
        seed.AddCompetitor("Sainsbury's Holborn", "London WC1");
        seed.AddCompetitor("John Lewis Birmingham", "Birmingham B2");
        seed.AddCompetitor("Argos Leeds Briggate", "Leeds LS1");
        seed.AddCompetitor("Currys Glasgow Fort", "Glasgow G34");

        seed.AddOffering("Own-label groceries", "Everyday range basket", 42m);
        seed.AddOffering("Small appliances", "Kettles, toasters and microwaves", 35m);
        seed.AddOffering("Womenswear basics", "Core clothing range", 18m);
        seed.AddOffering("Home delivery", "Standard delivery charge", 4.5m);
        return Task.CompletedTask;
    }
}
