namespace MarketEdge.Portal.Tests.Support;

/// <summary>
/// Tests that watch Npgsql's connection pools (which server connection is reused, which idle one is closed) run
/// alone, after the parallel ones: every portal host disposed elsewhere clears all the process's pools
/// (<c>NpgsqlConnection.ClearAllPools()</c>), which would close the very connections they are watching.
/// </summary>
[CollectionDefinition(nameof(ProcessWideConnectionPools), DisableParallelization = true)]
public sealed class ProcessWideConnectionPools;
