using System.Text.Json;
using MarketEdge.EndToEnd.Tests.Support;

namespace MarketEdge.Bench;

/// <summary>One kind of request: the Host it is addressed to, its path, and the Cookie header of who sends it.</summary>
public sealed record LoadTarget(string Host, string Path, string Cookie = "");

/// <summary>What one load run measured. Anything but a 200, a socket error or a timeout counts as an error.</summary>
public sealed record LoadResult(long Requests, double Seconds, long Errors, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public double Rps => Requests / Seconds;
}

/// <summary>
/// Drives wrk (Debian's package) on loopback: two threads, a fixed number of keep-alive connections, for a
/// fixed time, requesting the targets round-robin (bench/wrk/targets.lua).
/// </summary>
public static class Wrk
{
    private sealed record Printed(long Requests, long Duration_us, long Not_ok, long Socket_errors, long Timeouts,
        long P50_us, long P95_us, long P99_us, long Max_us);

    public static async Task<LoadResult> RunAsync(PortalProcess portal, IReadOnlyList<LoadTarget> targets, TimeSpan duration, int connections = 32)
    {
        var targetsFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(targetsFile, targets.Select(t => $"{t.Host}\t{t.Path}\t{t.Cookie}"));
            var printed = await Command.RunAsync(Repository.Root, new Dictionary<string, string>(), "wrk",
                "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--timeout", "10s",
                "-s", Path.Combine(Repository.Root, "bench", "wrk", "targets.lua"),
                $"http://127.0.0.1:{portal.Port}", "--", targetsFile);
            var json = printed.Split('\n').Last(line => line.StartsWith('{'));
            var result = JsonSerializer.Deserialize<Printed>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
            return new LoadResult(result.Requests, result.Duration_us / 1e6, result.Not_ok + result.Socket_errors + result.Timeouts,
                result.P50_us / 1000.0, result.P95_us / 1000.0, result.P99_us / 1000.0, result.Max_us / 1000.0);
        }
        finally
        {
            File.Delete(targetsFile);
        }
    }
}
