namespace MarketEdge.IndustryPacks;

/// <summary>
/// What a pack may put into a new organization's own database when it is provisioned. The portal
/// implements it; calls for a name already present are ignored, so seeding can safely run again.
/// </summary>
public interface IOrganizationSeed
{
    /// <summary>The name of the organization being provisioned, e.g. to leave it out of its own competitors.</summary>
    string OrganizationName { get; }

    /// <summary>Adds a rival business for the organization to watch.</summary>
    /// <param name="name">The competitor's name, e.g. "Cineworld Leicester Square" (at most 200 characters).</param>
    /// <param name="location">Where it is, e.g. "London WC2" (optional, at most 200 characters).</param>
    void AddCompetitor(string name, string? location = null);

    /// <summary>Adds something the organization sells, with an indicative price.</summary>
    /// <param name="name">The offering's name, e.g. "Adult standard ticket" (at most 200 characters).</param>
    /// <param name="description">One line on what it is (optional, at most 500 characters).</param>
    /// <param name="typicalPrice">Typical price in pounds sterling, if it has one.</param>
    void AddOffering(string name, string? description = null, decimal? typicalPrice = null);
}
