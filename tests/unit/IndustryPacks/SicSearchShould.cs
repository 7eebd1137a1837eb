using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketEdge.Portal.Tests.IndustryPacks;

public sealed class SicSearchShould
{
    private static readonly SicCatalogue Catalogue = SicCatalogue.Load();
    private static readonly SicSearch Search = new(Catalogue,
        new PackLoader(Catalogue, NullLogger<PackLoader>.Instance).LoadAll(PackFolders.RepositoryPlugins));

    [Theory]
    [InlineData("cinema")]
    [InlineData("Cinema")]
    [InlineData("5914")]
    [InlineData("59140")]
    [InlineData("motion picture projection")]
    public void Find_59140_and_suggest_the_cinema_pack(string query)
    {
        var match = Search.Search(query).First(m => m.Code.Code == "59140");

        Assert.Equal("Motion picture projection activities", match.Code.Title);
        Assert.Equal("cinema", Assert.Single(match.Packs).Pack.Id);
    }

    [Fact]
    public void Find_codes_by_prefix_in_code_order()
    {
        var matches = Search.Search("552", limit: 50);

        Assert.Equal(["55201", "55202", "55209"], matches.Select(m => m.Code.Code));
    }

    [Fact]
    public void Put_codes_a_pack_covers_before_the_others()
    {
        var matches = Search.Search("hotels", limit: 50);

        Assert.Equal("55100", matches[0].Code.Code);
        Assert.Equal("hotels", matches[0].Packs.Single().Pack.Id);
    }

    [Fact]
    public void Narrow_to_the_codes_of_a_chosen_pack()
    {
        var matches = Search.Search("", packId: "gyms", limit: 50);

        Assert.Equal(["93110", "93130", "93199", "96040"], matches.Select(m => m.Code.Code));
        Assert.Empty(Search.Search("cinema", packId: "gyms"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("zzzz-no-such-industry")]
    [InlineData("00000")]
    public void Find_nothing_for_nothing(string query) => Assert.Empty(Search.Search(query));

    [Fact]
    public void Stop_at_the_limit() => Assert.Equal(5, Search.Search("retail", limit: 5).Count);
}
