using MarketEdge.EndToEnd.Tests.Support;
using Npgsql;

namespace MarketEdge.Bench;

/// <summary>
/// The documented fast path for data the benchmark needs in bulk: organizations whose databases are
/// copied (CREATE DATABASE … TEMPLATE) from one that the real provisioning job made, and members added
/// as the catalog stores them. What is measured is serving them, not making them.
/// </summary>
public static class FastPath
{
    private const string Template = "bench_template";

    /// <summary>Adds organizations {prefix}-0001, {prefix}-0002, … until the catalog holds <paramref name="total"/>.</summary>
    public static async Task<IReadOnlyList<string>> FillOrganizationsAsync(
        PortalProcess portal, string provisionedSlug, int total, string prefix = "chain", Func<int, string>? name = null)
    {
        name ??= n => $"Cinema Chain {n:0000}";
        await using var server = await OpenAsync(portal, "postgres");
        await using var catalog = await OpenAsync(portal, PortalDatabase.Catalog);
        var source = await PortalDatabase.OrganizationDatabaseAsync(portal, provisionedSlug);
        // A copy the portal never connects to: CREATE DATABASE needs a template nobody else is using.
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {Template}");
        await CopyWhenIdleAsync(server, source, Template);

        var existing = (int)await PortalDatabase.CountAsync(portal, "SELECT count(*) FROM \"Organizations\"");
        var added = new List<string>();
        for (var n = 1; existing + added.Count < total; n++)
        {
            var slug = $"{prefix}-{n:0000}";
            var id = Guid.NewGuid();
            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO "Organizations" ("Id", "Slug", "Name", "Status", "PackId", "SicCode", "DatabaseServer", "FirstAdminEmail", "CreatedAt", "RequireTwoFactor", "RefuseSupportAccess")
                VALUES (@id, @slug, @name, 'Active', 'cinema', '59140', 'default', @email, now(), false, false)
                """, catalog))
            {
                insert.Parameters.AddWithValue("id", id);
                insert.Parameters.AddWithValue("slug", slug);
                insert.Parameters.AddWithValue("name", name(n));
                insert.Parameters.AddWithValue("email", $"admin@{slug}.test");
                await insert.ExecuteNonQueryAsync();
            }

            await ExecuteAsync(server, $"CREATE DATABASE org_{id:N} TEMPLATE {Template} OWNER marketedge"); // as the portal's own role would own it
            added.Add(slug);
        }

        await ExecuteAsync(server, $"DROP DATABASE {Template}");
        return added;
    }

    /// <summary>Adds <paramref name="count"/> active members (Users and Viewers) to an organization.</summary>
    public static async Task AddMembersAsync(PortalProcess portal, string slug, int count)
    {
        await using var catalog = await OpenAsync(portal, PortalDatabase.Catalog);
        for (var n = 1; n <= count; n++)
        {
            var email = $"member{n:00}@{slug}.test";
            await using var insert = new NpgsqlCommand(
                """
                WITH added AS (
                  INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                    "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
                    "DisplayName", "CreatedAt")
                  VALUES (gen_random_uuid(), @email, upper(@email), @email, upper(@email), true,
                    md5(random()::text), md5(random()::text), false, false, true, 0, @name, now())
                  RETURNING "Id")
                INSERT INTO "Memberships" ("OrganizationId", "UserId", "Role", "Status", "CreatedAt")
                SELECT o."Id", added."Id", @role, 'Active', now() FROM "Organizations" o, added WHERE o."Slug" = @slug
                """, catalog);
            insert.Parameters.AddWithValue("email", email);
            insert.Parameters.AddWithValue("name", $"Member {n:00}");
            insert.Parameters.AddWithValue("role", n % 3 == 0 ? "Viewer" : "User");
            insert.Parameters.AddWithValue("slug", slug);
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Copies a database once the portal's pooled connections to it have been closed as idle (within seconds).</summary>
    private static async Task CopyWhenIdleAsync(NpgsqlConnection server, string source, string copy)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(server, $"CREATE DATABASE {copy} TEMPLATE {source} OWNER marketedge");
                return;
            }
            catch (PostgresException busy) when (busy.SqlState == "55006" && attempt < 60)
            {
                await Task.Delay(500);
            }
        }
    }

    public static async Task<NpgsqlConnection> OpenAsync(PortalProcess portal, string database)
    {
        var connection = new NpgsqlConnection(PortalDatabase.ConnectionString(portal, database));
        await connection.OpenAsync();
        return connection;
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }
}
