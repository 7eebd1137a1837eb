namespace MarketEdge.IndustryPacks.Cinema;

/// <summary>Cinema chains: screens, showtimes and ticket prices against the rival chains nearby.</summary>
internal sealed class CinemaPack : IIndustryPack
{
    private static readonly (string Name, string Location)[] RivalCinemas =
    [
        ("Odeon Luxe Leicester Square", "London WC2"),
        ("Vue West End", "London WC2"),
        ("Cineworld Birmingham Broad Street", "Birmingham B1"),
        ("Everyman Manchester St John's", "Manchester M3"),
        ("Picturehouse Central", "London W1"),
        ("Showcase Cinema de Lux Leeds", "Leeds LS11"),
    ];

    public string Id => "cinema";

    public string DisplayName => "Cinema";

    public string Description => "For cinema chains and independent cinemas: ticket pricing, showtimes and concessions against the rival screens nearby.";

    public Version Version { get; } = typeof(CinemaPack).Assembly.GetName().Version!;

    public IReadOnlyList<string> SicCodes { get; } = ["59140"];

    public IReadOnlyList<FeatureFlag> FeatureFlags { get; } =
    [
        new("ticket-price-tracking", "Ticket price tracking", "Compare your ticket prices with competitor cinemas, film by film.", true),
        new("showtime-monitoring", "Showtime monitoring", "See when competitor cinemas schedule the same films.", true),
        new("concessions-benchmarking", "Concessions benchmarking", "Benchmark food and drink prices at the counter.", false),
        new("premium-formats", "Premium formats", "Track IMAX, 4DX and luxury-seat screenings separately.", false),
    ];

    public Terminology Terminology { get; } = new(Site: "cinema", Competitor: "competitor cinema", Offering: "ticket type");

    public Task SeedAsync(IOrganizationSeed seed, CancellationToken cancellationToken)
    {
        foreach (var (name, location) in RivalCinemas.Where(r => !r.Name.StartsWith(FirstWord(seed.OrganizationName), StringComparison.OrdinalIgnoreCase)))
        {
            seed.AddCompetitor(name, location);
        }

        seed.AddOffering("Adult standard", "Standard seat, evening showing", 12.50m);
        seed.AddOffering("Child standard", "Under 15, standard seat", 8.75m);
        seed.AddOffering("Premium recliner", "Reclining seat with extra legroom", 17.95m);
        seed.AddOffering("IMAX adult", "IMAX screen, adult", 16.50m);
        return Task.CompletedTask;
    }

    private static string FirstWord(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
}
