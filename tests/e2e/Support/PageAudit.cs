using System.Text.Json;
using Microsoft.Playwright;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>
/// What the sweeps check on a page as shown: whether it scrolls sideways, and what axe-core (the npm package,
/// installed under tests/e2e/accessibility) finds against WCAG 2.1 AA and its best practices.
/// </summary>
public static class PageAudit
{
    public static readonly (int Width, int Height) Phone = (390, 844);

    public static readonly (int Width, int Height) Desktop = (1280, 800);

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(
        Path.Combine(Repository.Root, "tests", "e2e", "accessibility", "node_modules", "axe-core", "axe.min.js")));

    /// <summary>
    /// Makes axe-core present in every page of the context. An init script is evaluated by the browser itself,
    /// so the portal's CSP (script-src 'self') stays on and in force for everything else.
    /// </summary>
    public static Task InstallAxeAsync(IPage page) => page.Context.AddInitScriptAsync(AxeSource.Value);

    /// <summary>
    /// The page as shown now, at a desk's width and then a phone's: what is wrong (sideways scrolling, axe-core
    /// violations, and on the phone touch targets under 44 px), each prefixed with where. Keeps the README's
    /// picture of it when <paramref name="screen"/> names one (see <see cref="Screens"/>).
    /// </summary>
    public static async Task<List<string>> ProblemsAsync(IPage page, string where, string? screen = null)
    {
        var problems = new List<string>();
        foreach (var (size, name) in new[] { (Desktop, "desktop"), (Phone, "phone") })
        {
            await ResizeAsync(page, size);
            if (await OverflowAsync(page) is { } overflow)
            {
                problems.Add($"{where} ({name}) {overflow}");
            }

            problems.AddRange((await AccessibilityViolationsAsync(page)).Select(v => $"{where} ({name}) {v}"));
            if (size == Phone)
            {
                problems.AddRange((await SmallTouchTargetsAsync(page)).Select(v => $"{where} ({name}) {v}"));
            }

            if (screen is not null)
            {
                await Screens.CaptureAsync(page, $"{screen}-{name}");
            }
            else if (Screens.Everything)
            {
                await Screens.CaptureAsync(page, $"all-{string.Concat(where.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'))}-{name}");
            }
        }

        await ResizeAsync(page, Desktop);
        return problems;
    }

    /// <summary>How many pixels the page is wider than the window (0 when it does not scroll sideways), with the widest culprits.</summary>
    public static async Task<string?> OverflowAsync(IPage page)
    {
        var found = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const width = window.innerWidth;
              const excess = document.documentElement.scrollWidth - width;
              if (excess <= 0) return null;
              const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) { if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
              const culprits = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 0.5 && !clipped(e))
                .slice(-5)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '')
                  + ' (right ' + Math.round(e.getBoundingClientRect().right) + ')');
              return 'scrolls ' + excess + ' px sideways at ' + width + ' px: ' + culprits.join(', ');
            }
            """);
        return found.ValueKind == JsonValueKind.String ? found.GetString() : null;
    }

    /// <summary>Controls shown smaller than a 44 px touch target (buttons, fields, menus, options), one line each.</summary>
    public static async Task<IReadOnlyList<string>> SmallTouchTargetsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('button, [role=button], input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, summary, [role=option]')]
              .filter(e => e.checkVisibility())
              .map(e => [e, e.getBoundingClientRect()])
              .filter(([e, box]) => box.height < 43.5)
              .map(([e, box]) => 'touch target ' + Math.round(box.height) + ' px high: ' + e.tagName.toLowerCase() + ' "' + (e.textContent || e.getAttribute('aria-label') || e.name || '').trim().slice(0, 40) + '"')
            """);

    /// <summary>Every axe-core violation on the page as shown, one line each: rule, impact and the elements.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        var violations = await page.EvaluateAsync<string[]>(
            """
            async () => {
              const results = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
              });
              // axe leaves ids shared by two elements, one of them named by an ARIA reference, "to review": here that is always a fault.
              const duplicates = results.incomplete.filter(v => v.id === 'duplicate-id-aria');
              return results.violations.concat(duplicates).map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(' | '));
            }
            """);
        return violations;
    }

    public static Task ResizeAsync(IPage page, (int Width, int Height) size) =>
        page.SetViewportSizeAsync(size.Width, size.Height);
}
