namespace MarketEdge.IndustryPacks;

/// <summary>The version of this SDK. A pack records the version it was built against in its manifest.</summary>
public static class PackSdk
{
    /// <summary>The SDK version; the host refuses packs built against a different major version.</summary>
    public static Version Version { get; } = new(1, 0, 0);
}
