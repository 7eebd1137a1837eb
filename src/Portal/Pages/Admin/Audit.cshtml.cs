using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace MarketEdge.Portal.Pages.Admin;

/// <summary>The platform's audit log, for super admins: every organization's events and the platform's own.</summary>
public sealed class AuditModel(AuditTrail trail) : AuditLogPage(trail)
{
    [BindProperty(SupportsGet = true)]
    public string? Organization { get; set; }

    public override bool AcrossOrganizations => true;

    protected override string? OrganizationFilter => Organization;

    protected override string DownloadName => "marketedge-audit";

    /// <summary>Super admins only: the Admin folder's policy has let only them in.</summary>
    protected override Task<(bool Allowed, Guid? OrganizationId)> ScopeAsync(CancellationToken cancellationToken) =>
        Task.FromResult<(bool, Guid?)>((true, null));
}
