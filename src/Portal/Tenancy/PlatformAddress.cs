namespace MarketEdge.Portal.Tenancy;

/// <summary>Addresses on the root domain and its organization subdomains, in the scheme and port a request came in on.</summary>
public static class PlatformAddress
{
    public static string HomeUrl(HttpRequest request, TenancyOptions options) => Url(request, options.RootDomain);

    /// <summary>An organization's home on its subdomain, same scheme and port as the request.</summary>
    public static string OrganizationUrl(HttpRequest request, TenancyOptions options, string slug) =>
        Url(request, $"{slug}.{options.RootDomain}");

    private static string Url(HttpRequest request, string host) =>
        $"{request.Scheme}://{host}{(request.Host.Port is { } port ? $":{port}" : "")}/";
}
