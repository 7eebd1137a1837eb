using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketEdge.Portal.TenantData;

/// <summary>
/// What an organization's home and module pages show of its own data: its competitors and its offerings,
/// each by name, read in one round trip (one batch of two queries) rather than one per list.
/// </summary>
public sealed record OrganizationOverview(IReadOnlyList<Competitor> Competitors, IReadOnlyList<Offering> Offerings)
{
    public static async Task<OrganizationOverview> LoadAsync(TenantDbContext tenantDb, CancellationToken cancellationToken)
    {
        await tenantDb.Database.OpenConnectionAsync(cancellationToken); // through the connection gate, as every tenant query
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)tenantDb.Database.GetDbConnection())
            {
                BatchCommands =
                {
                    new("""SELECT "Id", "Name", "Location", "CreatedAt" FROM "Competitors" ORDER BY "Name" """),
                    new("""SELECT "Id", "Name", "Description", "TypicalPrice", "CreatedAt" FROM "Offerings" ORDER BY "Name" """),
                },
            };
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var competitors = new List<Competitor>();
            while (await reader.ReadAsync(cancellationToken))
            {
                competitors.Add(new Competitor
                {
                    Id = reader.GetGuid(0),
                    Name = reader.GetString(1),
                    Location = reader.IsDBNull(2) ? null : reader.GetString(2),
                    CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
                });
            }

            await reader.NextResultAsync(cancellationToken);
            var offerings = new List<Offering>();
            while (await reader.ReadAsync(cancellationToken))
            {
                offerings.Add(new Offering
                {
                    Id = reader.GetGuid(0),
                    Name = reader.GetString(1),
                    Description = reader.IsDBNull(2) ? null : reader.GetString(2),
                    TypicalPrice = reader.IsDBNull(3) ? null : reader.GetDecimal(3),
                    CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
                });
            }

            return new OrganizationOverview(competitors, offerings);
        }
        finally
        {
            await tenantDb.Database.CloseConnectionAsync();
        }
    }
}
