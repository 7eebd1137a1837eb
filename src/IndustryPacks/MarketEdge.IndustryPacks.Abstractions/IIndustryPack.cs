namespace MarketEdge.IndustryPacks;

/// <summary>
/// The entry point of an industry pack: a plugin that tailors MarketEdge to one industry.
/// A pack assembly holds exactly one public, non-abstract implementation with a public
/// parameterless constructor; the portal creates it once when the pack is loaded.
/// </summary>
public interface IIndustryPack
{
    /// <summary>Stable, lower-case identifier such as <c>cinema</c>; it names the pack's folder under <c>plugins/</c>.</summary>
    string Id { get; }

    /// <summary>Name shown to people, such as <c>Cinema</c>.</summary>
    string DisplayName { get; }
}
