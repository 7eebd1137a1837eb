using Npgsql;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>Direct access to a running portal's embedded catalog, for arranging what the UI cannot yet create.</summary>
public static class PortalDatabase
{
    public static string CatalogConnectionString(PortalProcess portal)
    {
        var pidFile = File.ReadAllLines(Path.Combine(portal.DataDirectory, "postgres", "postmaster.pid"));
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = int.Parse(pidFile[3]),
            Username = "postgres",
            Password = File.ReadAllText(Path.Combine(portal.DataDirectory, "postgres.password")).Trim(),
            Database = "marketedge",
            Pooling = false,
        }.ConnectionString;
    }

    public static async Task AddOrganizationAsync(PortalProcess portal, string slug, string name, string status)
    {
        await using var connection = new NpgsqlConnection(CatalogConnectionString(portal));
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            """INSERT INTO "Organizations" ("Id", "Slug", "Name", "Status", "PackId", "SicCode", "DatabaseServer", "FirstAdminEmail", "CreatedAt") VALUES (@id, @slug, @name, @status, 'cinema', '59140', 'default', 'admin@example.test', now())""",
            connection);
        insert.Parameters.AddWithValue("id", Guid.NewGuid());
        insert.Parameters.AddWithValue("slug", slug);
        insert.Parameters.AddWithValue("name", name);
        insert.Parameters.AddWithValue("status", status);
        await insert.ExecuteNonQueryAsync();
    }
}
