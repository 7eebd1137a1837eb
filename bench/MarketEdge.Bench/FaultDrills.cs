using System.Diagnostics;
using System.Net;
using MarketEdge.EndToEnd.Tests.Support;

namespace MarketEdge.Bench;

/// <summary>
/// ./bench.sh --faults: what happens when things go wrong, checked rather than timed. Each drill prints
/// what it saw and ends "passed" or "FAILED: why"; the exit code is the number that failed.
/// </summary>
public static class FaultDrills
{
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static async Task<int> RunAllAsync()
    {
        using var work = new WorkFolder("marketedge-faults-");
        var data = Directory.CreateDirectory(Path.Combine(work.Path, "portal")).FullName;
        var failed = 0;
        failed += await DrillAsync("kill -9 while 20 organizations are provisioning", () => CrashDuringProvisioning.RunAsync(data));
        failed += await DrillAsync("restart PostgreSQL under load", () => PostgresRestart.RunAsync(data));
        failed += await DrillAsync("hostile organization names", () => HostileNames.RunAsync(data));

        Console.WriteLine();
        Console.WriteLine(failed == 0 ? "All fault drills passed." : $"{failed} fault drill(s) FAILED.");
        return failed;
    }

    private static async Task<int> DrillAsync(string name, Func<Task> drill)
    {
        Console.WriteLine();
        Console.WriteLine($"== {name}");
        var clock = Stopwatch.StartNew();
        try
        {
            await drill();
            Console.WriteLine($"   passed ({clock.Elapsed.TotalSeconds:0.0} s)");
            return 0;
        }
        catch (Exception failure)
        {
            Console.WriteLine($"   FAILED: {failure.Message}");
            return 1;
        }
    }

    /// <summary>Throws with <paramref name="message"/> unless <paramref name="condition"/> holds; prints what held.</summary>
    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }

        Console.WriteLine($"   ok: {message}");
    }

    public static Task<PortalProcess> StartPortalAsync(string data) =>
        PortalProcess.StartAsync(data, settings: new Dictionary<string, string> { ["Identity__SignInAttemptsPerMinute"] = "1000" });
}
