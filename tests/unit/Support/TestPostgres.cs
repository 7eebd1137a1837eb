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
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.Dispose();
            Directory.Delete(folder, recursive: true);
        };
        return server;
    }
}
