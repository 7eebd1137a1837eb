namespace MarketEdge.IndustryPacks;

/// <summary>
/// The contents of <c>pack.json</c> at the root of a pack's folder, which the portal reads before
/// running any of the pack's code. Example:
/// <code>
/// { "id": "cinema", "name": "Cinema", "version": "1.0.0",
///   "entryAssembly": "MarketEdge.IndustryPacks.Cinema.dll", "sdkVersion": "1.0.0" }
/// </code>
/// </summary>
/// <param name="Id">The pack's id, equal to <see cref="IIndustryPack.Id"/>.</param>
/// <param name="Name">The pack's display name.</param>
/// <param name="Version">The pack's version, equal to <see cref="IIndustryPack.Version"/>.</param>
/// <param name="EntryAssembly">File name of the assembly that holds the <see cref="IIndustryPack"/> implementation.</param>
/// <param name="SdkVersion">The <see cref="PackSdk.Version"/> the pack was built against.</param>
public sealed record PackManifest(string Id, string Name, string Version, string EntryAssembly, string SdkVersion)
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "pack.json";
}
