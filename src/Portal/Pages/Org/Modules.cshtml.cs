using MarketEdge.IndustryPacks;
using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketEdge.Portal.Pages.Org;

/// <summary>One module of the organization's pack; a module its flags switch off does not exist here (404).</summary>
public sealed class ModulesModel(TenantContext tenant, TenantDbContext tenantDb, OrganizationFeatures features, PackRegistry packs) : PageModel
{
    public TenantInfo Organization => tenant.RequiredOrganization;

    public FeatureFlag Module { get; private set; } = null!;

    public Terminology Terminology => packs.TerminologyOf(Organization.PackId);

    public IReadOnlyList<Competitor> Competitors { get; private set; } = [];

    public IReadOnlyList<Offering> Offerings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        var flag = (await features.ForAsync(Organization.Id, Organization.PackId, cancellationToken)).FirstOrDefault(f => f.Definition.Key == key);
        if (flag is not { Enabled: true })
        {
            return NotFound();
        }

        Module = flag.Definition;
        (Competitors, Offerings) = await OrganizationOverview.LoadAsync(tenantDb, cancellationToken);
        return Page();
    }
}
