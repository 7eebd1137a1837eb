using Npgsql;

namespace MarketEdge.Portal.Tests.Support;

/// <summary>A database's schema as comparable lines: every column, index and constraint, minus EF's history table.</summary>
public static class SchemaSnapshot
{
    private const string Columns = """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type
               || coalesce('(' || character_maximum_length || ')', '')
               || CASE WHEN is_nullable = 'YES' THEN ' null' ELSE ' not null' END
               || CASE WHEN is_identity = 'YES' THEN ' identity ' || identity_generation ELSE '' END
               || coalesce(' default ' || column_default, '')
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
        """;

    private const string Indexes = """
        SELECT 'index ' || indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
        """;

    private const string Constraints = """
        SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"'
        """;

    public static async Task<IReadOnlyList<string>> ReadAsync(string connectionString)
    {
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { Columns, Indexes, Constraints })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
