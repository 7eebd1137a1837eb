using System.Runtime.CompilerServices;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>
/// Runtime settings every process this test assembly starts inherits (portals, and the dotnet commands of the
/// pack guide). A portal in a test lives for seconds to minutes: re-compiling its start-up code at tier 1
/// after 30 calls (the runtime's default) costs each one about 2 CPU seconds, which the suite's two cores
/// feel; after 1,000 calls only what a test really repeats is re-compiled. Not set for the benchmark.
/// </summary>
internal static class ChildProcessRuntime
{
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable("DOTNET_TC_CallCountThreshold", "1000");
}
