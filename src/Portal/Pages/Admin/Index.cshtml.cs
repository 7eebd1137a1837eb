using MarketEdge.Portal.Catalog;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages.Admin;

/// <summary>The super admin's home: the platform at a glance.</summary>
public sealed class IndexModel(CatalogDbContext catalog) : PageModel
{
    public int OrganizationCount { get; private set; }

    public IReadOnlyList<(OrganizationStatus Status, int Count)> OrganizationsByStatus { get; private set; } = [];

    public int AccountCount { get; private set; }

    public IReadOnlyList<AuditEvent> RecentEvents { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var byStatus = await catalog.Organizations
            .GroupBy(o => o.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        OrganizationsByStatus = byStatus.OrderBy(s => s.Status).Select(s => (s.Status, s.Count)).ToList();
        OrganizationCount = byStatus.Sum(s => s.Count);
        AccountCount = await catalog.Users.CountAsync(cancellationToken);
        RecentEvents = await catalog.AuditEvents.AsNoTracking()
            .OrderByDescending(a => a.OccurredAt)
            .Take(10)
            .ToListAsync(cancellationToken);
    }
}
