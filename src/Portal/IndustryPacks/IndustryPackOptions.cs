namespace MarketEdge.Portal.IndustryPacks;

/// <summary>Settings under "IndustryPacks".</summary>
public sealed class IndustryPackOptions
{
    /// <summary>The folder holding one sub-folder per pack. Made absolute at start: the repository's plugins/, or plugins/ beside a published app.</summary>
    public string Directory { get; set; } = "";
}
