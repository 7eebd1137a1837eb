using MarketEdge.Portal.Tests.Support;
using System.Text.RegularExpressions;
using Npgsql;

namespace MarketEdge.EndToEnd.Tests.Support;

/// <summary>Direct access to a running portal's embedded PostgreSQL, to arrange what the UI cannot yet create and to check what it did.</summary>
public static partial class PortalDatabase
{
    public const string Catalog = "marketedge";

    public static string ConnectionString(PortalProcess portal, string database = Catalog)
    {
        var pidFile = File.ReadAllLines(Path.Combine(portal.DataDirectory, "postgres", "postmaster.pid"));
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = int.Parse(pidFile[3]),
            Username = "postgres",
            Password = File.ReadAllText(Path.Combine(portal.DataDirectory, "postgres.password")).Trim(),
            Database = database,
            Pooling = false,
        }.ConnectionString;
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>, in the catalog or in the named database.</summary>
    public static async Task<T> ScalarAsync<T>(PortalProcess portal, string sql, string database = Catalog, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(portal, database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default! : result is T typed ? typed : (T)Convert.ChangeType(result, typeof(T));
    }

    /// <summary>The first column of every row of <paramref name="sql"/>, as text.</summary>
    public static async Task<List<string>> ColumnAsync(PortalProcess portal, string sql, string database = Catalog)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(portal, database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var rows = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await rows.ReadAsync())
        {
            values.Add(rows.GetString(0));
        }

        return values;
    }

    public static Task<long> CountAsync(PortalProcess portal, string sql, string database = Catalog) => ScalarAsync<long>(portal, sql, database);

    /// <summary>The name of an organization's own database (derived from its id, as the portal does).</summary>
    public static async Task<string> OrganizationDatabaseAsync(PortalProcess portal, string slug) =>
        $"org_{await ScalarAsync<Guid>(portal, "SELECT \"Id\" FROM \"Organizations\" WHERE \"Slug\" = @slug", Catalog, ("slug", slug)):N}";

    /// <summary>
    /// The invitation link in the newest email to <paramref name="email"/>, waiting for provisioning or an admin to
    /// queue it and for its organization to be Active: provisioning queues the first admin's email a moment before
    /// it activates the organization, and a link followed in that moment is answered 503 (being provisioned).
    /// </summary>
    public static async Task<string> InvitationLinkAsync(PortalProcess portal, string email)
    {
        var body = await Eventually.ValueAsync(
            () => ScalarAsync<string?>(portal,
                """
                SELECT m."Body" FROM "OutboxMessages" m JOIN "Organizations" o ON o."Id" = m."OrganizationId"
                WHERE m."To" = @to AND o."Status" = 'Active' ORDER BY m."CreatedAt" DESC LIMIT 1
                """, Catalog, ("to", email)),
            found => found is not null, TimeSpan.FromSeconds(60));
        return body is null ? throw new TimeoutException($"No invitation email to {email}.") : InvitationLink().Match(body).Value;
    }

    public static async Task AddOrganizationAsync(PortalProcess portal, string slug, string name, string status)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(portal));
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO "Organizations" ("Id", "Slug", "Name", "Status", "PackId", "SicCode", "DatabaseServer", "FirstAdminEmail", "CreatedAt", "RequireTwoFactor", "RefuseSupportAccess")
            VALUES (@id, @slug, @name, @status, 'cinema', '59140', 'default', 'admin@example.test', now(), false, false)
            """,
            connection);
        insert.Parameters.AddWithValue("id", Guid.NewGuid());
        insert.Parameters.AddWithValue("slug", slug);
        insert.Parameters.AddWithValue("name", name);
        insert.Parameters.AddWithValue("status", status);
        await insert.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"http://[^\s]+/invitations/accept\?token=[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();
}
