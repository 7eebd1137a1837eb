using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Usage;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages.Admin;

/// <summary>The super admin's home: the platform at a glance — organizations by status and pack, and its usage figures.</summary>
public sealed class IndexModel(CatalogDbContext catalog, UsageRefresh usage) : PageModel
{
    public IReadOnlyList<(string PackId, int Count)> OrganizationsByPack { get; private set; } = [];

    public UsageFigures? Usage { get; private set; }

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
        OrganizationsByPack = (await catalog.Organizations
            .GroupBy(o => o.PackId)
            .Select(g => new { PackId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken)).OrderByDescending(p => p.Count).ThenBy(p => p.PackId).Select(p => (p.PackId, p.Count)).ToList();
        Usage = await catalog.UsageFigures.AsNoTracking().SingleOrDefaultAsync(u => u.OrganizationId == UsageFigures.Platform, cancellationToken);
        AccountCount = await catalog.Users.CountAsync(cancellationToken);
        RecentEvents = await catalog.AuditEvents.AsNoTracking()
            .OrderByDescending(a => a.OccurredAt)
            .Take(10)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Works the usage figures out now rather than at the job's next run.</summary>
    public async Task<IActionResult> OnPostRefreshUsageAsync(CancellationToken cancellationToken)
    {
        await usage.RefreshAsync(cancellationToken);
        this.Notify("Usage figures worked out again.");
        return RedirectToPage();
    }
}
