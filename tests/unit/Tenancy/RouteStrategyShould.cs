using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Http;

namespace MarketEdge.Portal.Tests.Tenancy;

public sealed class RouteStrategyShould
{
    [Theory]
    [InlineData("/o/odeon", "odeon")]
    [InlineData("/o/odeon/", "odeon")]
    [InlineData("/o/odeon/users/42", "odeon")]
    [InlineData("/O/ODEON/", "odeon")]                           // case-insensitive
    [InlineData("/o/nosuch/", "nosuch")]                         // unknown slugs are identified; the store decides
    public void Identify_the_segment_after_o(string path, string expected) =>
        Assert.Equal(expected, Identify(path));

    [Theory]
    [InlineData("/o")]                                           // no slug at all
    [InlineData("/o/")]
    [InlineData("/")]
    [InlineData("/admin")]
    [InlineData("/odeon/")]                                      // not under /o
    [InlineData("/other/o/odeon")]
    public void Find_no_organization_elsewhere(string path) =>
        Assert.Null(Identify(path));

    [Theory]
    [InlineData("/o/odeon", "odeon", "/o/odeon", "/")]
    [InlineData("/o/odeon/", "odeon", "/o/odeon", "/")]
    [InlineData("/o/odeon/users", "odeon", "/o/odeon", "/users")]
    [InlineData("/O/Odeon/users", "odeon", "/o/odeon", "/users")]
    public void Move_the_organization_prefix_into_the_path_base(string path, string slug, string pathBase, string rest)
    {
        var request = new DefaultHttpContext().Request;
        request.Path = path;
        RouteStrategy.Rebase(request, slug);
        Assert.Equal(pathBase, request.PathBase.Value);
        Assert.Equal(rest, request.Path.Value);
    }

    private static string? Identify(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        return new RouteStrategy().GetIdentifierAsync(context).GetAwaiter().GetResult();
    }
}
