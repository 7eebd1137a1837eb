using MarketEdge.IndustryPacks;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages.Org;

/// <summary>An organization's home: the modules its feature flags switch on, and its own data from its own database.</summary>
public sealed class IndexModel(TenantContext tenant, TenantDbContext tenantDb, OrganizationFeatures features, OrganizationSwitcher switcher) : PageModel
{
    public TenantInfo Organization => tenant.RequiredOrganization;

    public IReadOnlyList<FeatureFlag> Modules { get; private set; } = [];

    public IReadOnlyList<Competitor> Competitors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var flags = await features.ForAsync(Organization.Id, Organization.PackId, cancellationToken);
        Modules = flags.Where(f => f.Enabled).Select(f => f.Definition).ToList();
        Competitors = await tenantDb.Competitors.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        if (User.UserId() is { } userId)
        {
            await switcher.RememberAsync(userId, Organization.Id, cancellationToken);
        }
    }
}
