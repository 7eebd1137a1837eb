using System.Diagnostics;

namespace MarketEdge.Bench;

/// <summary>Where the run is, with the time since it began: a long run shows it is moving, and where its minutes go.</summary>
public static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Step(string what) => Console.WriteLine($"[{Clock.Elapsed:mm\\:ss}] {what}");
}
