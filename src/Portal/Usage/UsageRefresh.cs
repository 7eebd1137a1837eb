using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketEdge.Portal.Usage;

/// <summary>
/// Works out every organization's <see cref="UsageFigures"/> and the platform's from what the portal already writes —
/// memberships, open invitations, sessions, sign-ins (the audit log's <c>account.signed-in</c>), provisioning runs — and
/// each database's size from its server, then replaces the stored figures at once (readers see the old set or the new).
/// Run by <see cref="RefreshUsageJob"/> and by a super admin's "Refresh now"; one at a time across portal processes.
/// </summary>
public sealed class UsageRefresh(CatalogDbContext catalog, DatabaseServers servers, TimeProvider clock, ILogger<UsageRefresh> logger)
{
    private const string SignedIn = "account.signed-in";
    private const long LockKey = 0x5553_4147_4531; // "USAGE1": one refresh at a time, whichever process runs it

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // Worked out under the lock: a refresh that read the catalog earlier must not replace the figures of one that read it later.
        await using var transaction = await catalog.Database.BeginTransactionAsync(cancellationToken);
        await catalog.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var firstDay = today.AddDays(1 - UsageFigures.Days);
        var since = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var organizations = await catalog.Organizations.AsNoTracking()
            .Select(o => new { o.Id, o.Slug, o.DatabaseServer, HasDatabase = o.Status != OrganizationStatus.Provisioning && o.DatabaseDroppedAt == null })
            .ToListAsync(cancellationToken);
        var active = await CountsAsync($"""SELECT "OrganizationId" AS "Id", count(*)::int AS "Value" FROM "Memberships" WHERE "Status" = 'Active' GROUP BY 1""", cancellationToken);
        var invited = await CountsAsync($"""
            SELECT "OrganizationId" AS "Id", count(*)::int AS "Value" FROM "Invitations"
            WHERE "AcceptedAt" IS NULL AND "RevokedAt" IS NULL AND "ExpiresAt" > {now} GROUP BY 1
            """, cancellationToken);
        var recent = await CountsAsync($"""
            SELECT m."OrganizationId" AS "Id", count(*)::int AS "Value" FROM "Memberships" m
            WHERE m."Status" = 'Active' AND EXISTS (SELECT 1 FROM "UserSessions" s
                WHERE s."UserId" = m."UserId" AND s."SupportByUserId" IS NULL AND s."LastSeenAt" >= {now.AddDays(-UsageFigures.Days)})
            GROUP BY 1
            """, cancellationToken);
        var recentAccounts = await catalog.Database.SqlQuery<int>($"""
            SELECT count(DISTINCT "UserId")::int AS "Value" FROM "UserSessions" WHERE "SupportByUserId" IS NULL AND "LastSeenAt" >= {now.AddDays(-UsageFigures.Days)}
            """).SingleAsync(cancellationToken);
        // A sign-in on an organization's host or route counts for that organization; one on the platform, for each organization of the person.
        var signIns = await catalog.Database.SqlQuery<DayCount>($"""
            SELECT m."OrganizationId" AS "Id", (e."OccurredAt" AT TIME ZONE 'UTC')::date AS "Day", count(*)::int AS "Value"
            FROM "AuditEvents" e JOIN "Memberships" m ON m."UserId" = e."ActorUserId"
            WHERE e."Action" = {SignedIn} AND e."OccurredAt" >= {since} AND (e."OrganizationId" IS NULL OR e."OrganizationId" = m."OrganizationId")
            GROUP BY 1, 2
            UNION ALL
            SELECT {UsageFigures.Platform} AS "Id", (e."OccurredAt" AT TIME ZONE 'UTC')::date AS "Day", count(*)::int AS "Value"
            FROM "AuditEvents" e WHERE e."Action" = {SignedIn} AND e."OccurredAt" >= {since}
            GROUP BY 2
            """).ToListAsync(cancellationToken);
        var lastActivity = await catalog.Database.SqlQuery<Moment>($"""
            SELECT o."Id", GREATEST(
                (SELECT max(e."OccurredAt") FROM "AuditEvents" e WHERE e."OrganizationId" = o."Id"),
                (SELECT max(u."LastSignInAt") FROM "Memberships" m JOIN "AspNetUsers" u ON u."Id" = m."UserId" WHERE m."OrganizationId" = o."Id")) AS "At"
            FROM "Organizations" o
            """).ToDictionaryAsync(m => m.Id, m => m.At, cancellationToken);
        var sizes = await DatabaseSizesAsync(organizations.Where(o => o.HasDatabase).Select(o => o.DatabaseServer).Distinct(), cancellationToken);
        var provisioning = await catalog.ProvisioningRuns.AsNoTracking()
            .Where(r => r.Outcome == StepOutcome.Succeeded && r.FinishedAt != null)
            .OrderByDescending(r => r.FinishedAt).Take(100)
            .Select(r => new { r.StartedAt, FinishedAt = r.FinishedAt!.Value })
            .ToListAsync(cancellationToken);
        var durations = provisioning.Select(r => (r.FinishedAt - r.StartedAt).TotalMilliseconds).Order().ToList();

        int[] PerDay(Guid id)
        {
            var days = new int[UsageFigures.Days];
            foreach (var count in signIns.Where(s => s.Id == id))
            {
                days[count.Day.DayNumber - firstDay.DayNumber] = count.Value;
            }

            return days;
        }

        var figures = organizations.Select(o => new UsageFigures
        {
            OrganizationId = o.Id,
            MembersActive = active.GetValueOrDefault(o.Id),
            MembersInvited = invited.GetValueOrDefault(o.Id),
            ActiveLast30Days = recent.GetValueOrDefault(o.Id),
            SignInsPerDay = PerDay(o.Id),
            DatabaseBytes = o.HasDatabase && sizes.TryGetValue(($"org_{o.Id:N}", o.DatabaseServer), out var size) ? size : null,
            LastActivityAt = lastActivity.GetValueOrDefault(o.Id),
            ComputedAt = now,
        }).ToList();
        figures.Add(new UsageFigures
        {
            OrganizationId = UsageFigures.Platform,
            MembersActive = active.Values.Sum(),
            MembersInvited = invited.Values.Sum(),
            ActiveLast30Days = recentAccounts,
            SignInsPerDay = PerDay(UsageFigures.Platform),
            DatabaseBytes = figures.Sum(f => f.DatabaseBytes),
            LastActivityAt = figures.Max(f => f.LastActivityAt),
            ProvisioningP50Ms = Percentile(durations, 0.50),
            ProvisioningP95Ms = Percentile(durations, 0.95),
            ComputedAt = now,
        });

        await catalog.UsageFigures.ExecuteDeleteAsync(cancellationToken);
        catalog.UsageFigures.AddRange(figures);
        await catalog.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        catalog.ChangeTracker.Clear();
    }

    /// <summary>The nearest-rank percentile of sorted durations, in whole milliseconds; null without any.</summary>
    public static int? Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? null : (int)Math.Round(sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)]);

    private async Task<Dictionary<Guid, int>> CountsAsync(FormattableString sql, CancellationToken cancellationToken) =>
        await catalog.Database.SqlQuery<IdCount>(sql).ToDictionaryAsync(c => c.Id, c => c.Value, cancellationToken);

    /// <summary>The size of every organization database on each server, one query per server; a server that does not answer is left out (its sizes show as unknown).</summary>
    private async Task<Dictionary<(string Database, string Server), long>> DatabaseSizesAsync(IEnumerable<string> serverNames, CancellationToken cancellationToken)
    {
        var sizes = new Dictionary<(string, string), long>();
        foreach (var server in serverNames)
        {
            try
            {
                await using var connection = new NpgsqlConnection(servers.MaintenanceConnectionStringFor(server));
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand(
                    "SELECT datname, pg_database_size(datname) FROM pg_database WHERE datname LIKE 'org\\_%' AND has_database_privilege(datname, 'CONNECT')", connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    sizes[(reader.GetString(0), server)] = reader.GetInt64(1);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning(exception, "Database sizes on server {Server} could not be read; they show as unknown until the next refresh.", server);
            }
        }

        return sizes;
    }

    private sealed class IdCount
    {
        public Guid Id { get; init; }

        public int Value { get; init; }
    }

    private sealed class DayCount
    {
        public Guid Id { get; init; }

        public DateOnly Day { get; init; }

        public int Value { get; init; }
    }

    private sealed class Moment
    {
        public Guid Id { get; init; }

        public DateTimeOffset? At { get; init; }
    }
}
