namespace MarketEdge.IndustryPacks;

/// <summary>
/// The words an industry uses for what MarketEdge tracks, singular and lower case (the portal
/// capitalizes and pluralizes where it needs to), e.g. a cinema chain's site is a "cinema" and
/// its offering a "ticket type".
/// </summary>
/// <param name="Site">One of the organization's own locations: "cinema", "hotel", "gym", "office", "store".</param>
/// <param name="Competitor">A rival business the organization watches: "competitor cinema", "rival hotel".</param>
/// <param name="Offering">What the organization sells: "ticket type", "room type", "membership plan".</param>
public sealed record Terminology(string Site, string Competitor, string Offering);
