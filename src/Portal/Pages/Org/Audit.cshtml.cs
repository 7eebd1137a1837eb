using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Pages.Shared;
using MarketEdge.Portal.Tenancy;

namespace MarketEdge.Portal.Pages.Org;

/// <summary>The organization's audit log, for its Admins (and super admins inside it): its own events only.</summary>
public sealed class AuditModel(TenantContext tenant, MemberRoles roles, AuditTrail trail) : AuditLogPage(trail)
{
    public string OrganizationName => tenant.RequiredOrganization.Name;

    public override bool AcrossOrganizations => false;

    protected override string DownloadName => $"{tenant.RequiredOrganization.Slug}-audit";

    protected override async Task<(bool Allowed, Guid? OrganizationId)> ScopeAsync(CancellationToken cancellationToken) =>
        (await roles.CanManageAsync(cancellationToken), tenant.RequiredOrganization.Id);
}
