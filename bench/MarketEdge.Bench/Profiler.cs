using System.Diagnostics;
using MarketEdge.EndToEnd.Tests.Support;

namespace MarketEdge.Bench;

/// <summary>
/// Samples the whole machine with perf (499 Hz) while a load runs, and writes to
/// bench/results/profiles/{name}.txt where the time went: by program (portal, PostgreSQL, wrk), then in
/// the portal by library and by symbol, self time first, and in PostgreSQL by symbol. The portal must run with DOTNET_PerfMapEnabled=1.
/// </summary>
public static class Profiler
{
    public static async Task<T> WhileAsync<T>(PortalProcess portal, string name, Func<Task<T>> load)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Repository.Root, "bench", "results", "profiles")).FullName;
        var data = Path.Combine(Path.GetTempPath(), $"marketedge-perf-{name}-{Environment.ProcessId}.data");
        using var perf = Process.Start(new ProcessStartInfo("perf", ["record", "-F", "499", "-g", "-a", "-o", data])
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
            var byProgram = await ReportAsync(data, "comm", "1", []);
            var portalOnly = new[] { "--pid", portal.ProcessId.ToString() };
            var byLibrary = await ReportAsync(data, "dso", "1", portalOnly);
            var bySymbol = await ReportAsync(data, "dso,symbol", "0.3", portalOnly);
            var inPostgres = await ReportAsync(data, "symbol", "0.5", ["--comm", "postgres"]);
            await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.txt"), string.Join("\n", byProgram, byLibrary, bySymbol, inPostgres));
            File.Move(data, Path.Combine(Path.GetTempPath(), $"marketedge-perf-{name}.data"), overwrite: true); // for perf report by hand
        }
    }

    private static Task<string> ReportAsync(string data, string sort, string percentLimit, string[] filter) =>
        Command.RunAsync(Repository.Root, new Dictionary<string, string>(), "perf",
            ["report", "-i", data, "--stdio", "--no-children", "--sort", sort, "--percent-limit", percentLimit, "-g", "none", .. filter]);
}
