using System.Globalization;
using MarketEdge.Portal.Catalog;

namespace MarketEdge.Portal.Pages.Shared;

/// <summary>
/// Sign-ins per day as a small server-rendered SVG (no script): bars with each day's figure on hover at full size,
/// one line when <see cref="Compact"/> (a list row). <see cref="Summary"/> says the same in words for screen readers.
/// </summary>
public sealed record SignInsChart(IReadOnlyList<int> PerDay, DateOnly LastDay, bool Compact = false)
{
    public int Width => Compact ? 120 : 360;

    public int Height => Compact ? 24 : 80;

    public int Total => PerDay.Sum();

    private int Most => Math.Max(1, PerDay.DefaultIfEmpty().Max());

    public DateOnly DayOf(int index) => LastDay.AddDays(index - PerDay.Count + 1);

    public string Summary
    {
        get
        {
            if (Total == 0)
            {
                return $"No sign-ins in the last {PerDay.Count} days.";
            }

            var busiest = PerDay.Select((count, index) => (count, index)).MaxBy(d => d.count);
            return $"{Total} sign-in{(Total == 1 ? "" : "s")} in the last {PerDay.Count} days; most on {DayOf(busiest.index):yyyy-MM-dd} ({busiest.count}).";
        }
    }

    public double BarWidth => (double)Width / Math.Max(1, PerDay.Count);

    public double BarHeight(int count) => count == 0 ? 0 : Math.Max(1, (double)count * (Height - 1) / Most);

    /// <summary>The compact line's points, left to right.</summary>
    public string Points => string.Join(' ', PerDay.Select((count, index) =>
        $"{Number(index * BarWidth + BarWidth / 2)},{Number(Height - 1 - BarHeight(count))}"));

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The chart of stored figures, ending on the day they were worked out.</summary>
    public static SignInsChart Of(UsageFigures figures, bool compact = false) =>
        new(figures.SignInsPerDay, DateOnly.FromDateTime(figures.ComputedAt.UtcDateTime), compact);
}
