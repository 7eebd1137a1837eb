using MarketEdge.Portal.Identity.Domains;

namespace MarketEdge.Portal.Tests.Identity;

/// <summary>Domains in the one form they are stored and compared in, and the public mail domains nobody may claim.</summary>
public sealed class EmailDomainsShould
{
    [Theory]
    [InlineData("Odeon.co.uk", "odeon.co.uk")]
    [InlineData(" odeon.co.uk. ", "odeon.co.uk")]
    [InlineData("Bücher.de", "xn--bcher-kva.de")]
    public void Keep_a_domain_in_lower_case_ascii(string typed, string stored) =>
        Assert.Equal((stored, null), EmailDomains.Normalize(typed));

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("odeon")]
    [InlineData("-odeon.co.uk")]
    [InlineData("odeon..co.uk")]
    [InlineData("name@odeon.co.uk")]
    [InlineData("gmail.com")]
    [InlineData("YAHOO.CO.UK")]
    [InlineData("mailinator.com")]
    public void Refuse_what_is_not_a_domain_to_claim(string typed)
    {
        var (domain, problem) = EmailDomains.Normalize(typed);
        Assert.Null(domain);
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Theory]
    [InlineData("Ann@Odeon.co.uk", "odeon.co.uk")]
    [InlineData("odd@name@odeon.co.uk", "odeon.co.uk")]
    [InlineData("no-domain@", null)]
    [InlineData("plain", null)]
    public void Read_the_domain_of_an_address(string email, string? domain) => Assert.Equal(domain, EmailDomains.Of(email));
}
