using MarketEdge.Portal.Setup;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// Absolute links into an organization for emails: its subdomain of Portal:PublicBaseUrl, or, when
/// that is not set, of the address this portal listens on (as localhost, so subdomains resolve).
/// </summary>
public sealed class OrganizationLinks(IOptions<PortalOptions> options, IServer server)
{
    public string For(string slug, string pathAndQuery)
    {
        var baseUri = PublicBase();
        var builder = new UriBuilder(baseUri) { Host = $"{slug}.{baseUri.Host}" };
        return builder.Uri.GetLeftPart(UriPartial.Authority) + pathAndQuery;
    }

    private Uri PublicBase()
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return new Uri(configured);
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return Uri.TryCreate(listening, UriKind.Absolute, out var address)
            ? new UriBuilder(address) { Host = "localhost" }.Uri
            : new Uri(PortalOptions.DefaultPublicBaseUrl);
    }
}
