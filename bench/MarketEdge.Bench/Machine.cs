using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace MarketEdge.Bench;

/// <summary>What the figures were measured on, read off the machine.</summary>
public static partial class Machine
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memoryKb = long.Parse(MemTotal().Match(File.ReadAllText("/proc/meminfo")).Groups[1].Value);
        var os = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME="))?.Split('=', 2)[1].Trim('"') ?? "Linux";
        return $"{Environment.ProcessorCount} cores ({cpu}), {memoryKb / 1024.0 / 1024.0:0} GiB, {os}, .NET {Environment.Version}, {RuntimeInformation.OSArchitecture}";
    }

    [GeneratedRegex(@"MemTotal:\s+(\d+) kB")]
    private static partial Regex MemTotal();
}
