using System.Text.RegularExpressions;
using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Tests.Support;

namespace MarketEdge.Portal.Tests.IndustryPacks;

public sealed partial class SicCatalogueShould
{
    private static readonly SicCatalogue Catalogue = SicCatalogue.Load();

    /// <summary>
    /// The reference list (Companies House / ONS condensed SIC 2007, Open Government Licence v3.0) kept in
    /// this test project, parsed independently of the portal's own loader.
    /// </summary>
    private static IReadOnlyDictionary<string, string> Reference()
    {
        var path = Path.Combine(PackFolders.RepositoryRoot, "tests", "unit", "IndustryPacks", "uk-sic-2007.reference.csv");
        Assert.True(File.Exists(path), $"The reference SIC list is expected at {path}.");
        return File.ReadLines(path).Skip(1)
            .Select(line => ReferenceLine().Match(line))
            .ToDictionary(m => m.Groups["code"].Value, m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value.Replace("\"\"", "\"") : m.Groups["plain"].Value);
    }

    [Fact]
    public void Hold_every_code_of_the_reference_list_with_its_exact_title()
    {
        var reference = Reference();

        Assert.Equal(731, reference.Count);
        Assert.Equal(reference.Keys.Order(), Catalogue.All.Select(c => c.Code).Order());
        Assert.All(reference, entry => Assert.Equal(entry.Value, Catalogue.Find(entry.Key)?.Title));
    }

    [Theory]
    [InlineData("01110", 'A')]
    [InlineData("05101", 'B')]
    [InlineData("10110", 'C')]
    [InlineData("35110", 'D')]
    [InlineData("41100", 'F')]
    [InlineData("47110", 'G')]
    [InlineData("55100", 'I')]
    [InlineData("59140", 'J')]
    [InlineData("68100", 'L')]
    [InlineData("70229", 'M')]
    [InlineData("93130", 'R')]
    [InlineData("99000", 'U')]
    public void Place_each_code_in_its_section(string code, char section) =>
        Assert.Equal(section, Catalogue.Find(code)?.Section);

    [Fact]
    public void Give_every_code_a_section_letter_from_a_to_u() =>
        Assert.All(Catalogue.All, code => Assert.InRange(code.Section, 'A', 'U'));

    [Theory]
    [InlineData("")]
    [InlineData("5914")]
    [InlineData("591400")]
    [InlineData("abcde")]
    public void Find_nothing_for_what_is_not_a_code(string code) => Assert.Null(Catalogue.Find(code));

    [GeneratedRegex("^(?<code>\\d{5}),(?:\"(?<quoted>(?:[^\"]|\"\")*)\"|(?<plain>[^\"]*))$")]
    private static partial Regex ReferenceLine();
}
