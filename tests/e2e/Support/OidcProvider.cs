using System.Diagnostics;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>
/// A real OpenID provider (the npm package oidc-provider, installed by ./test.sh) on a loopback port
/// it chose itself, for SSO journeys. Start it, start the portal with <see cref="PortalSettings"/>,
/// then tell it the portal's redirect addresses with <see cref="AcceptRedirectsToAsync"/>.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "marketedge";
    public const string ClientSecret = "test-only-client-secret";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;

    private OidcProvider(Process process, string authority)
    {
        _process = process;
        Authority = authority;
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

    public static async Task<OidcProvider> StartAsync()
    {
        var startInfo = new ProcessStartInfo("node", "provider.mjs")
        {
            WorkingDirectory = Path.Combine(Repository.Root, "tests", "e2e", "oidc"),
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(startInfo)!;
        var line = await ReadLineAsync(process);
        if (line?.StartsWith("listening on ") != true)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(
                $"The test OpenID provider did not start (is tests/e2e/oidc installed? ./test.sh does it); it said: {line}");
        }

        return new OidcProvider(process, line["listening on ".Length..]);
    }

    /// <summary>Registers the portal's callback addresses with the provider, then waits until it serves.</summary>
    public async Task AcceptRedirectsToAsync(params string[] redirectUris)
    {
        await _process.StandardInput.WriteLineAsync(string.Join(' ', redirectUris));
        await _process.StandardInput.FlushAsync();
        var line = await ReadLineAsync(_process);
        if (line != "ready")
        {
            throw new InvalidOperationException($"The test OpenID provider did not take the redirect addresses; it said: {line}");
        }
    }

    /// <summary>oidc-provider's development login and consent pages: any login name is an account with that verified email.</summary>
    public static async Task SignInAsync(Microsoft.Playwright.IPage page, string login)
    {
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").First.ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
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

    private static async Task<string?> ReadLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        return await process.StandardOutput.ReadLineAsync(timeout.Token);
    }
}
