using Npgsql;

namespace MarketEdge.Portal.Database;

/// <summary>Creates and drops databases by name, through the server's maintenance database.</summary>
public static class PostgresDatabases
{
    private const int DropAttempts = 20;

    /// <summary>
    /// Drops the database named in <paramref name="connectionString"/>, ending this role's sessions in it (pooled
    /// connections here and in other portal processes). A session the role may not end — an autovacuum worker
    /// passing through, another role's — is waited for, up to about ten seconds, then the error stands.
    /// </summary>
    public static async Task DropIfExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        var name = new NpgsqlCommandBuilder().QuoteIdentifier(new NpgsqlConnectionStringBuilder(connectionString).Database!);
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (PostgresException notOurs) when (notOurs.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < DropAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Min(attempt, 10)), cancellationToken);
            }
        }
    }

    /// <summary>Whether the database named in <paramref name="connectionString"/> exists on its server.</summary>
    public static async Task<bool> ExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return await ExistsAsync(connection, new NpgsqlConnectionStringBuilder(connectionString).Database!, cancellationToken);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection maintenance, string name, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", maintenance);
        exists.Parameters.AddWithValue("name", name);
        return await exists.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Creates the database named in <paramref name="connectionString"/> unless it exists; true when it was created.</summary>
    public static async Task<bool> CreateIfMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database ?? throw new ArgumentException("The connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };

        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (await ExistsAsync(connection, name, cancellationToken))
        {
            return false;
        }

        var quotedName = new NpgsqlCommandBuilder().QuoteIdentifier(name);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quotedName}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            return false; // created meanwhile by another process
        }
    }
}
