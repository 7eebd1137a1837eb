namespace MarketEdge.IndustryPacks.Hotels;

/// <summary>Hotels and other accommodation: room rates and occupancy against the rival properties nearby.</summary>
internal sealed class HotelsPack : IIndustryPack
{
    public string Id => "hotels";

    public string DisplayName => "Hotels";

    public string Description => "For hotel groups, holiday parks and hostels: room rates, availability and reviews against rival properties.";

    public Version Version { get; } = typeof(HotelsPack).Assembly.GetName().Version!;

    public IReadOnlyList<string> SicCodes { get; } = ["55100", "55201", "55202", "55209", "55300", "55900"];

    public IReadOnlyList<FeatureFlag> FeatureFlags { get; } =
    [
        new("rate-shopping", "Rate shopping", "Compare your nightly room rates with rival properties, date by date.", true),
        new("occupancy-forecasting", "Occupancy forecasting", "Forecast occupancy from local events and booking pace.", true),
        new("review-monitoring", "Review monitoring", "Follow guest review scores for you and your rivals.", false),
    ];

    public Terminology Terminology { get; } = new(Site: "hotel", Competitor: "rival hotel", Offering: "room type");

    public Task SeedAsync(IOrganizationSeed seed, CancellationToken cancellationToken)
    {
        seed.AddCompetitor("Premier Inn London County Hall", "London SE1");
        seed.AddCompetitor("Travelodge Manchester Central", "Manchester M1");
        seed.AddCompetitor("Holiday Inn Express Edinburgh", "Edinburgh EH1");
        seed.AddCompetitor("Hilton Garden Inn Birmingham", "Birmingham B1");
        seed.AddCompetitor("Ibis Styles Bath", "Bath BA1");

        seed.AddOffering("Standard double", "Double bed, en-suite", 95m);
        seed.AddOffering("Twin room", "Two single beds, en-suite", 99m);
        seed.AddOffering("Family room", "Double and two singles", 129m);
        seed.AddOffering("Suite", "Separate lounge, breakfast included", 210m);
        return Task.CompletedTask;
    }
}
