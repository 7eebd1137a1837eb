using MarketEdge.IndustryPacks;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketEdge.Portal.Pages.Org;

/// <summary>An organization's home: its industry, the modules its feature flags switch on, and its own data from its own database, in its pack's words.</summary>
public sealed class IndexModel(
    TenantContext tenant, TenantDbContext tenantDb, OrganizationFeatures features, OrganizationSwitcher switcher,
    PackRegistry packs, SicCatalogue sic, MemberManagement members) : PageModel
{
    public TenantInfo Organization => tenant.RequiredOrganization;

    public Terminology Terminology => packs.TerminologyOf(Organization.PackId);

    public string PackName => packs.Find(Organization.PackId)?.Pack.DisplayName ?? Organization.PackId;

    public string SicCode { get; private set; } = "";

    public string? SicTitle => sic.Find(SicCode)?.Title;

    public IReadOnlyList<FeatureFlag> Modules { get; private set; } = [];

    public bool CanManageUsers { get; private set; }

    public IReadOnlyList<Competitor> Competitors { get; private set; } = [];

    public IReadOnlyList<Offering> Offerings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        SicCode = tenant.Caller is { } caller && caller.OrganizationId == Organization.Id ? caller.SicCode ?? "" : "";
        var flags = await features.ForAsync(Organization.Id, Organization.PackId, cancellationToken);
        Modules = flags.Where(f => f.Enabled).Select(f => f.Definition).ToList();
        (Competitors, Offerings) = await OrganizationOverview.LoadAsync(tenantDb, cancellationToken);
        CanManageUsers = await members.CanManageAsync(cancellationToken);
        if (User.UserId() is { } userId && Identity.Support.SupportGrant.Of(User) is null) // support access is not the person's own use
        {
            switcher.Remember(userId, Organization.Id);
        }
    }
}
