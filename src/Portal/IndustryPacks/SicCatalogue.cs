namespace MarketEdge.Portal.IndustryPacks;

/// <summary>One UK SIC 2007 code (five digits), its title, and its section letter (A–U).</summary>
public sealed record SicCode(string Code, string Title, char Section);

/// <summary>
/// The UK Standard Industrial Classification 2007, condensed list as used by Companies House
/// (731 codes), from uk-sic-2007.csv embedded in this assembly (Open Government Licence v3.0).
/// </summary>
public sealed class SicCatalogue
{
    private readonly Dictionary<string, SicCode> _byCode;

    private SicCatalogue(IEnumerable<SicCode> codes) => _byCode = codes.ToDictionary(c => c.Code);

    public IReadOnlyCollection<SicCode> All => _byCode.Values;

    public SicCode? Find(string? code) => code is not null && _byCode.TryGetValue(code.Trim(), out var found) ? found : null;

    public static SicCatalogue Load()
    {
        using var stream = typeof(SicCatalogue).Assembly.GetManifestResourceStream("MarketEdge.Portal.IndustryPacks.uk-sic-2007.csv")
            ?? throw new InvalidOperationException("The SIC 2007 list is missing from the portal assembly.");
        using var reader = new StreamReader(stream);
        var codes = new List<SicCode>();
        reader.ReadLine(); // header: code,description
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var comma = line.IndexOf(',');
            var code = line[..comma];
            codes.Add(new SicCode(code, Unquote(line[(comma + 1)..]), SectionOf(code)));
        }

        return new SicCatalogue(codes);
    }

    /// <summary>The section follows from the division, the first two digits (ONS SIC 2007 structure).</summary>
    public static char SectionOf(string code) => int.Parse(code[..2]) switch
    {
        <= 3 => 'A',
        <= 9 => 'B',
        <= 33 => 'C',
        35 => 'D',
        <= 39 => 'E',
        <= 43 => 'F',
        <= 47 => 'G',
        <= 53 => 'H',
        <= 56 => 'I',
        <= 63 => 'J',
        <= 66 => 'K',
        68 => 'L',
        <= 75 => 'M',
        <= 82 => 'N',
        84 => 'O',
        85 => 'P',
        <= 88 => 'Q',
        <= 93 => 'R',
        <= 96 => 'S',
        <= 98 => 'T',
        _ => 'U',
    };

    private static string Unquote(string field) =>
        field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1].Replace("\"\"", "\"") : field;
}
