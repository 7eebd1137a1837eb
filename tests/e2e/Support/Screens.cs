using Microsoft.Playwright;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>
/// The README's pictures, taken by the journeys that show those screens: only when MARKETEDGE_SCREENS names
/// a folder (scripts/screenshots.sh sets it to docs/screens); in ordinary runs nothing is written.
/// </summary>
public static class Screens
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("MARKETEDGE_SCREENS") is { Length: > 0 } folder
        ? Directory.CreateDirectory(folder).FullName
        : null;

    /// <summary>With MARKETEDGE_SCREENS_ALL=1 as well, the sweeps keep every page they audit (to look at a layout, not for the README).</summary>
    public static bool Everything { get; } = Folder is not null && Environment.GetEnvironmentVariable("MARKETEDGE_SCREENS_ALL") == "1";

    public static async Task CaptureAsync(IPage page, string name)
    {
        if (Folder is null)
        {
            return;
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = false, Animations = ScreenshotAnimations.Disabled });
    }
}
