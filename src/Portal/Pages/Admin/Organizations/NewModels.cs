using MarketEdge.Portal.IndustryPacks;

namespace MarketEdge.Portal.Pages.Admin.Organizations;

/// <summary>The subdomain field: its value, what is wrong with it, and whether the person typed it (then names stop changing it).</summary>
public sealed record SlugFieldModel(string Slug, string? Problem, bool Edited, string RootDomain, bool MarkEdited = false);

public sealed record PackSelectModel(IReadOnlyList<LoadedPack> Packs, string? Selected, string? Error, bool OutOfBand = false);

public sealed record SicFieldModel(string? Value, SicMatch? Chosen, string? Error);

public sealed record SicOptionsModel(IReadOnlyList<SicMatch> Matches, bool Searched, string? NarrowedTo);
