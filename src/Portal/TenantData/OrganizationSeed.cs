using MarketEdge.IndustryPacks;

namespace MarketEdge.Portal.TenantData;

/// <summary>Collects what a pack's seed step adds, checking each item as a pack author would want to be told.</summary>
internal sealed class OrganizationSeed(string organizationName) : IOrganizationSeed
{
    public string OrganizationName { get; } = organizationName;

    public List<Competitor> Competitors { get; } = [];

    public List<Offering> Offerings { get; } = [];

    public void AddCompetitor(string name, string? location = null) =>
        Competitors.Add(new Competitor
        {
            Name = Checked(name, Competitor.NameMaxLength, nameof(name)),
            Location = location is null ? null : Checked(location, 200, nameof(location)),
        });

    public void AddOffering(string name, string? description = null, decimal? typicalPrice = null) =>
        Offerings.Add(new Offering
        {
            Name = Checked(name, Offering.NameMaxLength, nameof(name)),
            Description = description is null ? null : Checked(description, Offering.DescriptionMaxLength, nameof(description)),
            TypicalPrice = typicalPrice is < 0 ? throw new ArgumentOutOfRangeException(nameof(typicalPrice), "A price cannot be negative.") : typicalPrice,
        });

    private static string Checked(string value, int maxLength, string parameter) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("Must not be empty.", parameter)
        : value.Length > maxLength ? throw new ArgumentException($"Must be at most {maxLength} characters.", parameter)
        : value.Trim();
}
