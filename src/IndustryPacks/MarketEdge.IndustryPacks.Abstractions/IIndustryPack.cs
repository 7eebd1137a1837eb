namespace MarketEdge.IndustryPacks;

/// <summary>
/// The entry point of an industry pack: a plugin that tailors MarketEdge to one industry.
/// </summary>
/// <remarks>
/// A pack assembly holds exactly one non-abstract implementation (it may be internal) with a
/// parameterless constructor; the portal creates it once, when it loads the pack from
/// <c>plugins/&lt;pack-id&gt;/</c>. Keep the constructor cheap and free of I/O: everything the
/// portal needs is read from the properties, and the only work a pack does is <see cref="SeedAsync"/>.
/// </remarks>
public interface IIndustryPack
{
    /// <summary>
    /// Stable identifier: lower-case letters, digits and hyphens, such as <c>cinema</c>. It must equal
    /// the <c>id</c> in the pack's <c>pack.json</c> and never change once organizations use the pack.
    /// </summary>
    string Id { get; }

    /// <summary>Name shown to people, such as <c>Cinema</c>.</summary>
    string DisplayName { get; }

    /// <summary>One or two sentences on what the pack is for, shown to super admins.</summary>
    string Description { get; }

    /// <summary>The pack's own version; it must equal the <c>version</c> in <c>pack.json</c>.</summary>
    Version Version { get; }

    /// <summary>
    /// The UK SIC 2007 codes (five digits, such as <c>59140</c>) of the businesses this pack serves.
    /// Choosing one of these codes for an organization suggests this pack.
    /// </summary>
    IReadOnlyList<string> SicCodes { get; }

    /// <summary>The features this pack can switch on, each with its default for a new organization.</summary>
    IReadOnlyList<FeatureFlag> FeatureFlags { get; }

    /// <summary>What this industry calls the things MarketEdge tracks.</summary>
    Terminology Terminology { get; }

    /// <summary>
    /// Fills a new organization's own database with starter data through <paramref name="seed"/>.
    /// Called once per organization, while it is being provisioned; the portal makes a retried call
    /// safe (it skips data already added), so the pack need not track what it did.
    /// </summary>
    Task SeedAsync(IOrganizationSeed seed, CancellationToken cancellationToken);
}
