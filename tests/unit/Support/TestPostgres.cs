using MarketEdge.Portal.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MarketEdge.Portal.Tests.Support;

/// <summary>
/// One private PostgreSQL for the whole test run (the portal's own embedded server, in a temporary
/// folder), stopped and removed when the run ends. Each test asks for databases of its own.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<EmbeddedPostgresServer> Server = new(StartServer);

    public static EmbeddedPostgresServer Instance => Server.Value;

    /// <summary>A new, empty database; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var connectionString = Instance.ConnectionString($"{prefix}_{Guid.NewGuid():N}");
        await PostgresDatabases.CreateIfMissingAsync(connectionString, CancellationToken.None);
        return connectionString;
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    private static EmbeddedPostgresServer StartServer()
    {
        var folder = Directory.CreateTempSubdirectory("marketedge-unit-").FullName;
        var server = EmbeddedPostgresServer.Start(folder, NullLogger.Instance);
        DoNotWaitForTheDisk(server);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.Dispose();
            Directory.Delete(folder, recursive: true);
        };
        return server;
    }

    /// <summary>
    /// This server's data is thrown away when the run ends, so it need not survive a crash: without fsync
    /// (PostgreSQL's own advice for such data) a checkpoint, which every DROP DATABASE forces, no longer
    /// waits on a disk the rest of the suite keeps busy. The portal's own servers keep their defaults.
    /// </summary>
    private static void DoNotWaitForTheDisk(EmbeddedPostgresServer server)
    {
        using var connection = new NpgsqlConnection(server.SuperuserConnectionString("postgres"));
        connection.Open();
        foreach (var sql in new[]
                 {
                     "ALTER SYSTEM SET fsync = off", "ALTER SYSTEM SET synchronous_commit = off",
                     "ALTER SYSTEM SET full_page_writes = off", "SELECT pg_reload_conf()",
                 })
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }
}
