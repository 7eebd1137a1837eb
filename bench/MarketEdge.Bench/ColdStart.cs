using System.Diagnostics;
using MarketEdge.EndToEnd.Tests.Support;

namespace MarketEdge.Bench;

public sealed record ColdStartResult(int Packs, IReadOnlyList<double> Seconds)
{
    public double MedianS => Statistics.Median(Seconds);
}

/// <summary>
/// Process start to the first 200 on /health, with its embedded PostgreSQL stopped before each start
/// (the data folder already initialised, as on every start after the first).
/// </summary>
public static class ColdStart
{
    /// <summary>The portal as deployed: published for linux-x64, which compiles it ReadyToRun (bench.sh publishes it here).</summary>
    public static string PublishedPortal => Path.Combine(Repository.Root, "bench", ".published-portal", "MarketEdge.Portal.dll");

    public static async Task<ColdStartResult> MeasureAsync(string dataDirectory, string pluginsDirectory, int expectedPacks, int runs)
    {
        var seconds = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            await using var portal = await PortalProcess.StartAsync(dataDirectory,
                settings: new Dictionary<string, string> { ["IndustryPacks__Directory"] = pluginsDirectory }, waitUntilHealthy: false,
                assembly: File.Exists(PublishedPortal) ? PublishedPortal : throw new FileNotFoundException("Run ./bench.sh: it publishes the portal first.", PublishedPortal));
            await portal.WaitUntilHealthyAsync(pollEvery: TimeSpan.FromMilliseconds(10));
            seconds.Add(clock.Elapsed.TotalSeconds);
            var loaded = portal.Output.Split('\n').Count(line => line.Contains("Loaded industry pack"));
            if (loaded != expectedPacks)
            {
                throw new InvalidOperationException($"Expected {expectedPacks} packs loaded, the portal loaded {loaded}:\n{portal.Output}");
            }

            await portal.StopAsync();
        }

        return new ColdStartResult(expectedPacks, seconds);
    }

    /// <summary>Builds a plugins folder with the five packs and <paramref name="total"/> − 5 copies of the benchmark pack, each with its own id.</summary>
    public static string PluginsWith(int total, string parent)
    {
        var folder = Directory.CreateDirectory(Path.Combine(parent, $"plugins-{total}")).FullName;
        var packs = Path.Combine(Repository.Root, "plugins");
        foreach (var pack in Directory.GetDirectories(packs))
        {
            CopyFolder(pack, Path.Combine(folder, Path.GetFileName(pack)));
        }

        var benchPack = Path.Combine(Repository.Root, "bench", "packs", "MarketEdge.Bench.ManifestPack", "bin", Repository.Configuration, "net10.0");
        for (var n = Directory.GetDirectories(folder).Length + 1; n <= total; n++)
        {
            var target = Directory.CreateDirectory(Path.Combine(folder, $"bench-pack-{n:00}")).FullName;
            File.Copy(Path.Combine(benchPack, "MarketEdge.Bench.ManifestPack.dll"), Path.Combine(target, "MarketEdge.Bench.ManifestPack.dll"));
            File.Copy(Path.Combine(benchPack, "MarketEdge.Bench.ManifestPack.deps.json"), Path.Combine(target, "MarketEdge.Bench.ManifestPack.deps.json"));
            File.WriteAllText(Path.Combine(target, "pack.json"),
                $$"""{ "id": "bench-pack-{{n:00}}", "name": "Benchmark pack {{n:00}}", "version": "1.0.0", "entryAssembly": "MarketEdge.Bench.ManifestPack.dll", "sdkVersion": "1.0.0" }""");
        }

        return folder;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
