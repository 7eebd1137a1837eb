namespace MarketEdge.Bench;

/// <summary>
/// How long and how much: quick (the default, under ten minutes from a clean clone) or --full; with
/// --profile, each page's measured run is also sampled by perf (<see cref="Profiler"/>).
/// </summary>
public sealed record BenchMode(string Name, TimeSpan Warmup, TimeSpan PageDuration, TimeSpan ScaleDuration, int SequentialOrganizations,
    int ScaleOrganizations, int ColdStartRuns, bool Profile = false)
{
    public static readonly BenchMode Quick = new("quick", TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), 50, 1000, 3);

    /// <summary>The mode named on the command line, with --orgs N and --sequential N for shorter or longer runs.</summary>
    public static BenchMode FromArguments(string[] args)
    {
        var mode = args.Contains("--full") ? Full : Quick;
        return mode with
        {
            ScaleOrganizations = Number(args, "--orgs") ?? mode.ScaleOrganizations,
            SequentialOrganizations = Number(args, "--sequential") ?? mode.SequentialOrganizations,
            Profile = args.Contains("--profile"),
        };
    }

    private static int? Number(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value > 0
            ? value
            : at >= 0 ? throw new ArgumentException($"{name} needs a positive number.") : null;
    }

    public static readonly BenchMode Full = new("full", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(180), 50, 1000, 10);
}
