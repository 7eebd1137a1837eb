using MarketEdge.Portal.Identity;

namespace MarketEdge.Portal.Pages.Shared;

/// <summary>The organizations offered by the switcher, and which one the page is in.</summary>
public sealed record SwitcherChoicesModel(IReadOnlyList<SwitcherChoice> Choices, string? CurrentSlug);
