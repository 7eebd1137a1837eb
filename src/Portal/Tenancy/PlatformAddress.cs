namespace MarketEdge.Portal.Tenancy;

/// <summary>The platform's own home (the root domain, same scheme and port), from wherever a request landed.</summary>
public static class PlatformAddress
{
    public static string HomeUrl(HttpRequest request, TenancyOptions options)
    {
        var host = request.Host.Port is { } port ? $"{options.RootDomain}:{port}" : options.RootDomain;
        return $"{request.Scheme}://{host}/";
    }
}
