using System.Diagnostics;
using MarketEdge.EndToEnd.Tests.Support;

namespace MarketEdge.Bench;

/// <summary>
/// Samples the portal with perf (call graphs, 499 Hz) while a load runs, and writes the hottest symbols,
/// self time first, to bench/results/profiles/{name}.txt. The portal must run with DOTNET_PerfMapEnabled=1.
/// </summary>
public static class Profiler
{
    public static async Task<T> WhileAsync<T>(PortalProcess portal, string name, Func<Task<T>> load)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Repository.Root, "bench", "results", "profiles")).FullName;
        var data = Path.Combine(Path.GetTempPath(), $"marketedge-perf-{name}-{Environment.ProcessId}.data");
        using var perf = Process.Start(new ProcessStartInfo("perf", ["record", "-F", "499", "-g", "-p", portal.ProcessId.ToString(), "-o", data])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            return await load();
        }
        finally
        {
            using (var stop = Process.Start("kill", ["-INT", perf.Id.ToString()]))
            {
                await stop.WaitForExitAsync();
            }

            await perf.WaitForExitAsync();
            var report = await Command.RunAsync(Repository.Root, new Dictionary<string, string>(), "perf",
                "report", "-i", data, "--stdio", "--no-children", "--sort", "dso,symbol", "--percent-limit", "0.7", "-g", "none");
            await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.txt"), report);
            File.Delete(data);
        }
    }
}
