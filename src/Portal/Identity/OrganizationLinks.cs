using MarketEdge.Portal.Setup;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Identity;

/// <summary>Absolute links into an organization for emails: its subdomain of Portal:PublicBaseUrl.</summary>
public sealed class OrganizationLinks(IOptions<PortalOptions> options)
{
    public string For(string slug, string pathAndQuery)
    {
        var baseUri = new Uri(options.Value.PublicBaseUrl);
        var builder = new UriBuilder(baseUri) { Host = $"{slug}.{baseUri.Host}" };
        return builder.Uri.GetLeftPart(UriPartial.Authority) + pathAndQuery;
    }
}
