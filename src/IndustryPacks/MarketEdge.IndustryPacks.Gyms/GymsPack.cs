namespace MarketEdge.IndustryPacks.Gyms;

/// <summary>Gyms and fitness clubs: membership prices and class timetables against nearby clubs.</summary>
internal sealed class GymsPack : IIndustryPack
{
    public string Id => "gyms";

    public string DisplayName => "Gyms and fitness";

    public string Description => "For gyms, leisure centres and fitness studios: membership pricing, class timetables and offers against nearby clubs.";

    public Version Version { get; } = typeof(GymsPack).Assembly.GetName().Version!;

    public IReadOnlyList<string> SicCodes { get; } = ["93110", "93130", "93199", "96040"];

    public IReadOnlyList<FeatureFlag> FeatureFlags { get; } =
    [
        new("membership-pricing", "Membership pricing", "Compare your membership plans and joining fees with nearby clubs.", true),
        new("class-timetables", "Class timetables", "See which classes rival clubs run, and when.", true),
        new("promotion-alerts", "Promotion alerts", "Be told when a rival launches a joining offer.", false),
    ];

    public Terminology Terminology { get; } = new(Site: "club", Competitor: "rival club", Offering: "membership plan");

    public Task SeedAsync(IOrganizationSeed seed, CancellationToken cancellationToken)
    {
        seed.AddCompetitor("PureGym Manchester Spinningfields", "Manchester M3");
        seed.AddCompetitor("The Gym Group London Holborn", "London WC1");
        seed.AddCompetitor("David Lloyd Birmingham", "Birmingham B15");
        seed.AddCompetitor("Nuffield Health Leeds", "Leeds LS1");
        seed.AddCompetitor("Anytime Fitness Bristol", "Bristol BS1");

        seed.AddOffering("Off-peak", "Weekdays 10:00–16:00 and weekends", 19.99m);
        seed.AddOffering("Standard monthly", "Any time, rolling monthly", 29.99m);
        seed.AddOffering("Premium with classes", "Any time, all classes included", 44.99m);
        seed.AddOffering("Day pass", "One visit", 8m);
        return Task.CompletedTask;
    }
}
