using MarketEdge.EndToEnd.Tests.Support;
using Npgsql;

namespace MarketEdge.Bench;

public sealed record ScaleResult(int Organizations, LoadResult Load, long PostgresConnectionsPeak, long PostgresMaxConnections, double PortalMemoryPeakMb);

/// <summary>Every organization's home requested round-robin at 32 connections, watching PostgreSQL's connections and the portal's memory.</summary>
public static class Scale
{
    public static async Task<ScaleResult> MeasureAsync(PortalProcess portal, PortalClient superAdmin, IReadOnlyList<string> slugs, BenchMode mode)
    {
        var root = $"localhost:{portal.Port}";
        var targets = slugs.Select(slug => new LoadTarget(root, $"/o/{slug}/", superAdmin.CookieHeader)).ToList();
        await Pages.EnsureOkAsync(portal, targets[^1]);

        using var stop = new CancellationTokenSource();
        var connections = SamplePeakConnectionsAsync(portal, stop.Token);
        var load = await Wrk.RunAsync(portal, targets, mode.ScaleDuration);
        await stop.CancelAsync();

        var maxConnections = await PortalDatabase.ScalarAsync<long>(portal, "SELECT setting::bigint FROM pg_settings WHERE name = 'max_connections'");
        return new ScaleResult(slugs.Count, load, await connections, maxConnections, ResidentPeakMb(portal.ProcessId));
    }

    /// <summary>The most client connections PostgreSQL had at once (this sampler's own not counted), read every 20 ms.</summary>
    public static async Task<long> SamplePeakConnectionsAsync(PortalProcess portal, CancellationToken stop)
    {
        long peak = 0;
        await using var monitor = await FastPath.OpenAsync(portal, "postgres");
        while (!stop.IsCancellationRequested)
        {
            await using var count = new NpgsqlCommand(
                "SELECT count(*) - 1 FROM pg_stat_activity WHERE backend_type = 'client backend'", monitor);
            peak = Math.Max(peak, (long)(await count.ExecuteScalarAsync(CancellationToken.None))!);
            await Task.Delay(20, CancellationToken.None);
        }

        return peak;
    }

    /// <summary>The portal's peak resident memory since it started (VmHWM, kept by the kernel), in MB.</summary>
    public static double ResidentPeakMb(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmHWM:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}
