using MarketEdge.Portal.Database;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Catalog;

/// <summary>What to show of the audit trail: by whom (name or address, in part), which action, which days (UTC, both included), which organization.</summary>
public sealed record AuditFilter(string? Person, string? Action, DateOnly? From, DateOnly? To, string? Organization = null)
{
    /// <summary>Why the filter cannot be used (and beside which field), or null.</summary>
    public (string Message, string Field)? Problem =>
        From is { } from && To is { } to && from > to ? ("The first day is after the last day.", "To") : null;
}

/// <summary>One event as the audit pages show it; <see cref="SupportEmail"/> is the super admin who did it as the actor (support access).</summary>
public sealed record AuditRow(
    long Id, DateTimeOffset OccurredAt, string? ActorEmail, string? ActorName, string? OrganizationSlug, string Action, string? Details, string? ClientAddress,
    string? SupportEmail = null)
{
    /// <summary>Who did it, as the pages and the CSV say it: "root@… as ann@…" during support access.</summary>
    public string? Who => SupportEmail is null ? ActorEmail : $"{SupportEmail} as {ActorEmail}";
}

/// <summary>One page of events, newest first, and where the next (older) page starts.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, long? OlderThan);

/// <summary>
/// Reads the audit trail for the audit pages: one organization's events (its Admins' <c>/audit</c>), or every
/// event of the platform (super admins' <c>/admin/audit</c>), filtered, newest first, a page at a time (by id,
/// so a page does not shift as new events arrive), or all of it for a CSV download.
/// </summary>
public sealed class AuditTrail(CatalogDbContext catalog)
{
    public const int PageSize = 50;
    public const int MostInDownload = 100_000;
    public static readonly IReadOnlyList<string> CsvHeader = ["occurred_at_utc", "actor_email", "actor_name", "organization", "action", "details", "client_address", "support_by_email"];

    /// <summary>One page older than <paramref name="olderThan"/> (the newest when null).</summary>
    public async Task<AuditPage> PageAsync(Guid? organizationId, AuditFilter filter, long? olderThan, CancellationToken cancellationToken)
    {
        var rows = await Query(organizationId, filter, olderThan).Take(PageSize + 1).ToListAsync(cancellationToken);
        return rows.Count > PageSize ? new AuditPage(rows[..PageSize], rows[PageSize - 1].Id) : new AuditPage(rows, null);
    }

    /// <summary>The actions recorded (in this organization, or anywhere), for the filter's choices.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(Guid? organizationId, CancellationToken cancellationToken) =>
        await catalog.AuditEvents.AsNoTracking()
            .Where(e => organizationId == null || e.OrganizationId == organizationId)
            .Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);

    /// <summary>Every matching event (up to <paramref name="most"/>, by default <see cref="MostInDownload"/>), newest first, as CSV.</summary>
    public async Task<byte[]> CsvAsync(Guid? organizationId, AuditFilter filter, CancellationToken cancellationToken, int most = MostInDownload)
    {
        var rows = await Query(organizationId, filter).Take(most).ToListAsync(cancellationToken);
        return Web.SpreadsheetCsv.Write(CsvHeader, rows.Select(r => (IReadOnlyList<string?>)
            [r.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss"), r.ActorEmail, r.ActorName, r.OrganizationSlug, r.Action, r.Details, r.ClientAddress, r.SupportEmail]));
    }

    private IQueryable<AuditRow> Query(Guid? organizationId, AuditFilter filter, long? olderThan = null)
    {
        var events = catalog.AuditEvents.AsNoTracking();
        if (organizationId is { } only)
        {
            events = events.Where(e => e.OrganizationId == only);
        }

        if (olderThan is { } before)
        {
            events = events.Where(e => e.Id < before);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            events = events.Where(e => e.Action == filter.Action);
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.OccurredAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.OccurredAt < end);
        }

        var rows =
            from e in events
            join u in catalog.Users on e.ActorUserId equals u.Id into actors
            from actor in actors.DefaultIfEmpty()
            join o in catalog.Organizations on e.OrganizationId equals o.Id into organizations
            from organization in organizations.DefaultIfEmpty()
            join s in catalog.Users on e.SupportUserId equals s.Id into supporters
            from supporter in supporters.DefaultIfEmpty()
            select new { Event = e, ActorEmail = actor.Email, ActorName = actor.DisplayName, Slug = organization.Slug, SupportEmail = supporter.Email };

        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            var pattern = LikePattern.Containing(filter.Person.Trim());
            rows = rows.Where(r => EF.Functions.ILike(r.ActorEmail!, pattern, LikePattern.Escape) || EF.Functions.ILike(r.ActorName!, pattern, LikePattern.Escape)
                || EF.Functions.ILike(r.SupportEmail!, pattern, LikePattern.Escape));
        }

        if (!string.IsNullOrWhiteSpace(filter.Organization))
        {
            var slug = filter.Organization.Trim().ToLowerInvariant();
            rows = rows.Where(r => r.Slug == slug);
        }

        return rows
            .OrderByDescending(r => r.Event.Id)
            .Select(r => new AuditRow(r.Event.Id, r.Event.OccurredAt, r.ActorEmail, r.ActorName, r.Slug, r.Event.Action, r.Event.Details, r.Event.ClientAddress, r.SupportEmail));
    }
}
