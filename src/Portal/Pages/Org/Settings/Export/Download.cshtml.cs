using MarketEdge.Portal.Exports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketEdge.Portal.Pages.Org.Settings.Export;

/// <summary><c>/settings/export/download/{exportId}</c>: one export's archive, to the organization's admins, while it is kept (audited).</summary>
public sealed class DownloadModel(OrganizationExports exports) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid exportId, CancellationToken cancellationToken)
    {
        if (!await exports.CanExportAsync(cancellationToken))
        {
            return Forbid();
        }

        return await exports.DownloadAsync(exportId, cancellationToken) is { } file
            ? PhysicalFile(file.Path, "application/zip", file.DownloadName)
            : NotFound();
    }
}
