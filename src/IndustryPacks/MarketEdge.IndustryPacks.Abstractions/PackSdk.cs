namespace MarketEdge.IndustryPacks;

/// <summary>The version of this SDK, which every pack records in its <c>pack.json</c> as <c>sdkVersion</c>.</summary>
public static class PackSdk
{
    /// <summary>
    /// The SDK version. The portal loads packs built against the same major version and refuses
    /// the others before running any of their code.
    /// </summary>
    public static Version Version { get; } = new(1, 0, 0);
}
