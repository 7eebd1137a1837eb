using System.Net;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Tenancy;

/// <summary>
/// Reads the organization from the host: <c>{slug}.{RootDomain}</c>, on any port, in any case.
/// The root domain itself, <c>www.</c> and IP addresses are the platform. A nested subdomain is
/// returned whole, so it is reported as an unknown organization rather than shown the platform.
/// </summary>
public sealed class HostStrategy(IOptions<TenancyOptions> options) : ITenantStrategy
{
    public Task<string?> GetIdentifierAsync(HttpContext context) =>
        Task.FromResult(Identify(context.Request.Host.Host));

    private string? Identify(string host)
    {
        if (string.IsNullOrEmpty(host) || IPAddress.TryParse(host, out _))
        {
            return null;
        }

        var suffix = "." + options.Value.RootDomain.TrimEnd('.');
        var name = host.TrimEnd('.');
        if (!name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var identifier = name[..^suffix.Length].ToLowerInvariant();
        return identifier is "" or "www" ? null : identifier;
    }
}
