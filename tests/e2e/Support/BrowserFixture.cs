using Microsoft.Playwright;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>
/// A handle on one headless Chromium from the machine's package (/usr/bin/chromium, or MARKETEDGE_CHROMIUM),
/// shared by every test class that holds a handle: classes run side by side (xunit.runner.json caps how
/// many), each journey in a fresh context of its own, so launching a browser per class would buy nothing
/// but its start-up. The browser closes when the last handle is disposed. When a journey fails its
/// screenshot and trace are kept in tests/e2e/artifacts.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static int _handles;
    private static IPlaywright? _playwright;
    private static IBrowser? _shared;

    private IBrowser _browser = null!;
    private bool _held; // xunit disposes a fixture whose start failed too: only a handle taken is given back

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is not { IsConnected: true })
            {
                await CloseAsync(); // a browser that crashed is replaced, not handed out dead
                _shared = await LaunchAsync();
            }

            _handles++;
            _held = true;
            _browser = _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("MARKETEDGE_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : "/usr/bin/chromium";
        // Classes run side by side on a small machine: give the page a little more time than Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task RunAsync(string journey, Func<IPage, Task> steps, BrowserNewContextOptions? options = null)
    {
        await using var context = await _browser.NewContextAsync(options);
        await context.Tracing.StartAsync(new TracingStartOptions { Snapshots = true });
        var page = await context.NewPageAsync();
        try
        {
            await steps(page);
            await context.Tracing.StopAsync();
        }
        catch
        {
            await KeepEvidenceAsync(context, page, journey);
            throw; // the journey's own failure, whatever became of the evidence
        }
    }

    /// <summary>A screenshot and a trace of a failed journey; a failure to take them is reported beside, never instead of, the journey's.</summary>
    private static async Task KeepEvidenceAsync(IBrowserContext context, IPage page, string journey)
    {
        var artifacts = Repository.ArtifactsDirectory;
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, journey + ".png"), FullPage = true, Timeout = 10_000 });
        }
        catch (PlaywrightException problem)
        {
            await Console.Error.WriteLineAsync($"No screenshot of {journey}: {problem.Message}");
        }

        try
        {
            await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(artifacts, journey + ".trace.zip") });
        }
        catch (PlaywrightException problem)
        {
            await Console.Error.WriteLineAsync($"No trace of {journey}: {problem.Message}");
        }
    }

    public async Task DisposeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_held && --_handles == 0)
            {
                await CloseAsync();
            }

            _held = false;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Closes the shared browser and its Playwright driver, if any; whatever happens, neither is handed out again.</summary>
    private static async Task CloseAsync()
    {
        var (browser, playwright) = (_shared, _playwright);
        (_shared, _playwright) = (null, null);
        try
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }
        }
        finally
        {
            playwright?.Dispose();
        }
    }
}
