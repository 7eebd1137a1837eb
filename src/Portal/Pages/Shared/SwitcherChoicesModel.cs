using MarketEdge.Portal.Identity;

namespace MarketEdge.Portal.Pages.Shared;

/// <summary>
/// The organizations offered by the switcher, and which one the page is in. <paramref name="Listbox"/> when
/// a search box (an ARIA combobox) controls the list: then its links are the listbox's options.
/// </summary>
public sealed record SwitcherChoicesModel(IReadOnlyList<SwitcherChoice> Choices, string? CurrentSlug, bool Listbox = false);
