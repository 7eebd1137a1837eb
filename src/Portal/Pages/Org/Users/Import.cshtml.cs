using System.Text;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Bulk;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MarketEdge.Portal.Pages.Org.Users;

/// <summary>
/// Invite many people at once: a CSV file uploaded, or rows pasted from a spreadsheet. Reading it only makes a
/// preview (<see cref="BatchModel"/>); nothing is sent from here.
/// </summary>
[EnableRateLimiting(SignInLimitOptions.InvitationRateLimitPolicy)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit, ValueLengthLimit = RequestLimit)]
public sealed class ImportModel(TenantContext tenant, MemberRoles roles, InvitationBatches batches) : PageModel
{
    /// <summary>Room for a list ten times too large, so that it gets its message beside the field rather than a bare 413.</summary>
    private const int RequestLimit = 10 * InvitationCsv.MaxBytes;

    public string OrganizationName => tenant.RequiredOrganization.Name;

    [BindProperty]
    public string? Pasted { get; set; }

    public Refusal? Refusal { get; private set; }

    public string? ErrorFor(string field) => Refusal?.Field == field ? Refusal.Message : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await roles.CanManageAsync(cancellationToken) ? Page() : Forbid();

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken cancellationToken) =>
        await roles.CanManageAsync(cancellationToken)
            ? File(Encoding.UTF8.GetBytes(InvitationCsv.Template), "text/csv", "invitations.csv")
            : Forbid();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        var (content, field) = await ReadAsync(file, cancellationToken);
        var (batchId, refusal) = await batches.PreviewAsync(content, field, cancellationToken);
        if (batchId is not null)
        {
            return RedirectToPage("Batch", new { batchId });
        }

        Refusal = refusal;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<(InvitationCsvContent Content, string Field)> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var hasFile = file is { Length: > 0 };
        var hasText = !string.IsNullOrWhiteSpace(Pasted);
        if (hasFile == hasText)
        {
            return (InvitationCsvContent.Refused(hasFile
                ? "Choose a file or paste the list, not both."
                : "Choose a CSV file, or paste the list below."), "file");
        }

        if (!hasFile)
        {
            return (InvitationCsv.Read(Pasted!), nameof(Pasted));
        }

        if (file!.Length > InvitationCsv.MaxBytes)
        {
            return (InvitationCsvContent.Refused("The file is larger than 1 MB. Split it into smaller files."), "file");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return (InvitationCsv.Read(buffer.ToArray()), "file");
    }
}
