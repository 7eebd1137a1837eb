using System.Net;
using System.Net.Sockets;

namespace MarketEdge.Portal.Identity.Sso;

/// <summary>
/// The HTTP client organizations' providers are reached with. An Admin types the provider's address, so the portal
/// must not become a way into its own network: connections to loopback, private, link-local and unique-local
/// addresses are refused (loopback is allowed in Development, for the test providers), redirects are not followed,
/// and answers are capped in size and time.
/// </summary>
public static class ProviderHttp
{
    public static SocketsHttpHandler Handler(bool allowLoopback) => new()
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.Where(address => IsPublic(address) || (allowLoopback && IPAddress.IsLoopback(address))).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"The provider's address is not a public one.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public static HttpClient Client(bool allowLoopback) => new(Handler(allowLoopback))
    {
        Timeout = TimeSpan.FromSeconds(10),
        MaxResponseContentBufferSize = 1024 * 1024,
    };

    /// <summary>Not loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local, carrier-grade NAT, unspecified or multicast.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast)
        {
            return false;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return true;
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }
}
