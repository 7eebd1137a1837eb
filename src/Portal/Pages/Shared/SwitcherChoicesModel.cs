using MarketEdge.Portal.Identity;

namespace MarketEdge.Portal.Pages.Shared;

/// <summary>
/// The organizations offered by the switcher, and which one the page is in. <paramref name="Listbox"/> when
/// a search box (an ARIA combobox) controls the list: then its links are the listbox's options.
/// <paramref name="Id"/> starts the ids of its elements: the header's list and a page's own never share one.
/// </summary>
public sealed record SwitcherChoicesModel(IReadOnlyList<SwitcherChoice> Choices, string? CurrentSlug, bool Listbox = false, string Id = "switcher");
