using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Bulk;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MarketEdge.Portal.Pages.Org.Users;

/// <summary>
/// One list of people to invite: its preview (each line's outcome) with Send and Discard, then its progress
/// while the job sends (htmx asks again every second), then what happened to each line.
/// </summary>
[EnableRateLimiting(SignInLimitOptions.InvitationRateLimitPolicy)]
public sealed class BatchModel(TenantContext tenant, MemberRoles roles, InvitationBatches batches) : PageModel
{
    public string OrganizationName => tenant.RequiredOrganization.Name;

    public InvitationBatchView View { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid batchId, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        if (await batches.FindAsync(batchId, cancellationToken, rows: !Request.IsHtmx()) is not { } view)
        {
            return NotFound();
        }

        View = view;
        Response.VaryOnHtmx();
        return Request.IsHtmx() ? Partial("_BatchProgress", View) : Page();
    }

    public async Task<IActionResult> OnPostSendAsync(Guid batchId, CancellationToken cancellationToken) =>
        await ShowAsync(batchId, await batches.ConfirmAsync(batchId, cancellationToken), "Sending the invitations.", cancellationToken);

    public async Task<IActionResult> OnPostResumeAsync(Guid batchId, CancellationToken cancellationToken) =>
        await ShowAsync(batchId, await batches.ResumeAsync(batchId, cancellationToken), "Sending again.", cancellationToken);

    public async Task<IActionResult> OnPostDiscardAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var refusal = await batches.DiscardAsync(batchId, cancellationToken);
        if (refusal is null)
        {
            this.Notify("List discarded: nobody was invited.");
            return RedirectToPage("/Org/Users");
        }

        return await ShowAsync(batchId, refusal, null, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid batchId, Refusal? refusal, string? notice, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        if (refusal is { NotFound: true } || await batches.FindAsync(batchId, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        if (refusal is null)
        {
            this.Notify(notice!);
            return RedirectToPage(new { batchId });
        }

        View = view;
        Error = refusal.Message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
