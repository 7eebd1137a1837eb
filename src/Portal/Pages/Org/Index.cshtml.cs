using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages.Org;

/// <summary>An organization's home, from its own database.</summary>
public sealed class IndexModel(TenantContext tenant, TenantDbContext tenantDb) : PageModel
{
    public TenantInfo Organization => tenant.RequiredOrganization;

    public IReadOnlyList<Competitor> Competitors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Competitors = await tenantDb.Competitors.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
}
