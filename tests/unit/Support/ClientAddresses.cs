using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MarketEdge.Portal.Tests.Support;

/// <summary>
/// The in-memory server has no network, so every client would share one (empty) address and one rate-limit
/// budget. Each test client names its own address in a header that only the test host reads, as if it
/// connected from there.
/// </summary>
public sealed class ClientAddresses : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";
    private static int _next;

    /// <summary>A loopback-free address no other client of this run has.</summary>
    public static string Next()
    {
        var n = Interlocked.Increment(ref _next);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (System.Net.IPAddress.TryParse(context.Request.Headers[Header], out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
