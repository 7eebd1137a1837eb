namespace MarketEdge.IndustryPacks.B2B;

/// <summary>Business-to-business services: consultancies, IT, legal, accounting and advertising firms.</summary>
internal sealed class B2BServicesPack : IIndustryPack
{
    public string Id => "b2b";

    public string DisplayName => "B2B services";

    public string Description => "For consultancies, IT services, law, accounting and advertising firms: day rates, service lines and wins against rival firms.";

    public Version Version { get; } = typeof(B2BServicesPack).Assembly.GetName().Version!;

    public IReadOnlyList<string> SicCodes { get; } =
    [
        "62012", "62020", "62090",             // software development, IT consultancy, other IT services
        "69102", "69109",                      // solicitors, other legal activities
        "69201", "69202", "69203",             // accounting, bookkeeping, tax consultancy
        "70210", "70221", "70229",             // PR, financial management, management consultancy
        "73110", "73120", "73200",             // advertising agencies, media representation, market research
    ];

    public IReadOnlyList<FeatureFlag> FeatureFlags { get; } =
    [
        new("rate-card-benchmarking", "Rate card benchmarking", "Compare your day rates and fixed fees with rival firms.", true),
        new("tender-tracking", "Tender tracking", "Follow public tenders in your service lines and who wins them.", true),
        new("talent-movement", "Talent movement", "See senior hires and departures at rival firms.", false),
    ];

    public Terminology Terminology { get; } = new(Site: "office", Competitor: "rival firm", Offering: "service line");

    public Task SeedAsync(IOrganizationSeed seed, CancellationToken cancellationToken)
    {
        seed.AddCompetitor("Northbridge Consulting", "London EC2");
        seed.AddCompetitor("Pennine Digital", "Leeds LS1");
        seed.AddCompetitor("Clyde & Forth Accountants", "Glasgow G2");
        seed.AddCompetitor("Severn Legal LLP", "Bristol BS1");
        seed.AddCompetitor("Mersey Media Group", "Liverpool L3");

        seed.AddOffering("Strategy day rate", "Senior consultant, per day", 1450m);
        seed.AddOffering("Managed IT support", "Per user, per month", 45m);
        seed.AddOffering("Annual accounts", "Small company, fixed fee", 1200m);
        seed.AddOffering("Campaign retainer", "Advertising and PR, per month", 6500m);
        return Task.CompletedTask;
    }
}
