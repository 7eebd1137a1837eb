using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Exports;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MarketEdge.Portal.Pages.Org.Settings.Export;

/// <summary>
/// <c>/settings/export</c>: an organization's Admins (and super admins inside it) request an export of the whole
/// organization, watch it being made, and download it for 24 hours. The rules are <see cref="OrganizationExports"/>'s.
/// </summary>
[EnableRateLimiting(SignInLimitOptions.InvitationRateLimitPolicy)]
public sealed class IndexModel(TenantContext tenant, OrganizationExports exports, TimeProvider clock) : PageModel
{
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public string OrganizationName => tenant.RequiredOrganization.Name;

    public IReadOnlyList<OrganizationExport> Exports { get; private set; } = [];

    public Refusal? Refusal { get; private set; }

    public bool CanDownload(OrganizationExport export) =>
        export is { Status: OrganizationExportStatus.Ready, DeletedAt: null } && export.ExpiresAt > Now;

    /// <summary>While one is queued or being made, the list asks again every second.</summary>
    public bool InProgress => Exports.Any(e => e.Status is OrganizationExportStatus.Queued or OrganizationExportStatus.Running);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await exports.CanExportAsync(cancellationToken))
        {
            return Forbid();
        }

        Exports = await exports.RecentAsync(cancellationToken);
        Response.VaryOnHtmx();
        return Request.IsHtmx() ? Partial("_ExportList", this) : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await exports.RequestAsync(cancellationToken) is { } refusal)
        {
            if (!await exports.CanExportAsync(cancellationToken))
            {
                return Forbid();
            }

            Refusal = refusal;
            Response.StatusCode = StatusCodes.Status409Conflict;
            Exports = await exports.RecentAsync(cancellationToken);
            return Page();
        }

        this.Notify("Export requested: it is being made below.");
        return RedirectToPage();
    }
}
