namespace MarketEdge.Portal.IndustryPacks;

/// <summary>A SIC code found by a search, with the packs that cover it.</summary>
public sealed record SicMatch(SicCode Code, IReadOnlyList<LoadedPack> Packs);

/// <summary>
/// Looks SIC codes up by code prefix ("5914") or by words ("cinema"): words match the code's title
/// and the name and terminology of the packs that cover it, so industry words find their codes.
/// </summary>
public sealed class SicSearch
{
    public const int DefaultLimit = 20;

    private readonly PackRegistry _packs;
    private readonly IReadOnlyList<(SicMatch Match, string Words)> _entries;

    public SicSearch(SicCatalogue catalogue, PackRegistry packs)
    {
        _packs = packs;
        _entries = catalogue.All
            .OrderBy(code => code.Code, StringComparer.Ordinal)
            .Select(code => new SicMatch(code, packs.Covering(code.Code)))
            .Select(match => (match, WordsOf(match)))
            .ToList();
    }

    /// <summary>Matches best first (codes some pack covers, then by code); only <paramref name="packId"/>'s codes when one is given.</summary>
    public IReadOnlyList<SicMatch> Search(string? query, string? packId = null, int limit = DefaultLimit)
    {
        var text = query?.Trim().ToLowerInvariant() ?? "";
        var pack = _packs.Find(packId);
        if (text.Length == 0 && pack is null)
        {
            return [];
        }

        var words = text.Split([' ', ',', ';', '-', '/'], StringSplitOptions.RemoveEmptyEntries);
        var isCodePrefix = text.Length > 0 && text.All(char.IsAsciiDigit);
        return _entries
            .Where(entry => pack is null || entry.Match.Packs.Contains(pack))
            .Where(entry => isCodePrefix
                ? entry.Match.Code.Code.StartsWith(text, StringComparison.Ordinal)
                : words.All(entry.Words.Contains))
            .Select(entry => entry.Match)
            .OrderByDescending(match => match.Packs.Count > 0)
            .Take(limit)
            .ToList();
    }

    private static string WordsOf(SicMatch match) =>
        string.Join(' ', match.Packs
            .SelectMany(p => new[] { p.Pack.DisplayName, p.Pack.Terminology.Site, p.Pack.Terminology.Competitor, p.Pack.Terminology.Offering })
            .Prepend(match.Code.Title)).ToLowerInvariant();
}
