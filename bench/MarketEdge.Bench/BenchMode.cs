namespace MarketEdge.Bench;

/// <summary>How long and how much: quick (the default, under ten minutes from a clean clone) or --full.</summary>
public sealed record BenchMode(string Name, TimeSpan Warmup, TimeSpan PageDuration, TimeSpan ScaleDuration, int SequentialOrganizations,
    int ScaleOrganizations, int ColdStartRuns)
{
    public static readonly BenchMode Quick = new("quick", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), 50, 1000, 3);

    public static readonly BenchMode Full = new("full", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(180), 50, 1000, 10);
}
