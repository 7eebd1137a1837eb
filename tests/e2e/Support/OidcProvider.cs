using MarketEdge.Portal.Tests.Support;
using System.Diagnostics;
using System.Net.Http;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>A real OpenID provider (the npm package oidc-provider, installed by ./test.sh) on a loopback port, for SSO journeys.</summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "marketedge";
    public const string ClientSecret = "test-only-client-secret";

    private readonly Process _process;

    private OidcProvider(Process process, int port)
    {
        _process = process;
        Authority = $"http://127.0.0.1:{port}";
    }

    public string Authority { get; }

    /// <summary>The settings that point a portal at this provider (plain http on loopback: Development, where the portal allows it).</summary>
    public Dictionary<string, string> PortalSettings(string? clientSecret = null) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Authentication__Oidc__Authority"] = Authority,
        ["Authentication__Oidc__ClientId"] = ClientId,
        ["Authentication__Oidc__ClientSecret"] = clientSecret ?? ClientSecret,
    };

    public static async Task<OidcProvider> StartAsync(params string[] redirectUris)
    {
        var port = PortalProcess.FreeLoopbackPort();
        var startInfo = new ProcessStartInfo("node") { WorkingDirectory = Path.Combine(Repository.Root, "tests", "e2e", "oidc"), UseShellExecute = false };
        foreach (var argument in new[] { "provider.mjs", port.ToString() }.Concat(redirectUris))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var provider = new OidcProvider(Process.Start(startInfo)!, port);
        using var client = new HttpClient();
        if (await Eventually.ValueAsync(() => AnswersAsync(client, $"{provider.Authority}/.well-known/openid-configuration"), up => up, TimeSpan.FromSeconds(10)))
        {
            return provider;
        }

        await provider.DisposeAsync();
        throw new TimeoutException("The test OpenID provider did not start (is tests/e2e/oidc installed? ./test.sh does it).");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task<bool> AnswersAsync(HttpClient client, string url)
    {
        try
        {
            return (await client.GetAsync(url)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }
}
