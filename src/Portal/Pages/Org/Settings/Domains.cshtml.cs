using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Domains;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MarketEdge.Portal.Pages.Org.Settings;

/// <summary>The domains panel: the organization's domains, and a refusal beside the field of the form (or row) it came from.</summary>
public sealed record DomainsPanel(IReadOnlyList<DomainRow> Domains, Refusal? Refusal = null, Guid? RefusedRow = null, string? TypedDomain = null, string? TypedEmail = null)
{
    /// <summary>The message for <paramref name="field"/> of the add form (row null) or of one domain's row.</summary>
    public string? ErrorFor(string field, Guid? row = null) => RefusedRow == row && Refusal?.Field == field ? Refusal.Message : null;

    /// <summary>A refusal that belongs to no field of <paramref name="row"/> (or of the panel, when null).</summary>
    public string? General(Guid? row = null) => RefusedRow == row && Refusal is { Field: null } ? Refusal.Message : null;
}

/// <summary>
/// <c>/settings/domains</c>: an organization's Admins (and super admins inside it) claim email domains, verify each
/// with the code emailed to an address there, and choose how people with such addresses join. The rules are
/// <see cref="OrganizationDomains"/>'s, whatever sends the request.
/// </summary>
[EnableRateLimiting(SignInLimitOptions.InvitationRateLimitPolicy)]
public sealed class DomainsModel(TenantContext tenant, OrganizationDomains domains) : PageModel
{
    public string OrganizationName => tenant.RequiredOrganization.Name;

    public DomainsPanel Panel { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await domains.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        Panel = new DomainsPanel(await domains.ListAsync(cancellationToken));
        Response.VaryOnHtmx();
        return Request.IsHtmx() ? Partial("_DomainsPanel", Panel) : Page();
    }

    public async Task<IActionResult> OnPostAddAsync(string? domain, string? email, CancellationToken cancellationToken) =>
        await ShowAsync(await domains.AddAsync(domain, email, cancellationToken),
            $"Code sent to {email?.Trim()}: type it below to verify the domain.", cancellationToken, row: null, domain, email);

    public async Task<IActionResult> OnPostVerifyAsync(Guid domainId, string? code, CancellationToken cancellationToken) =>
        await ShowAsync(await domains.VerifyAsync(domainId, code, cancellationToken), "Domain verified.", cancellationToken, domainId);

    public async Task<IActionResult> OnPostSendCodeAsync(Guid domainId, string? email, CancellationToken cancellationToken) =>
        await ShowAsync(await domains.SendCodeAgainAsync(domainId, email, cancellationToken), "A new code is on its way; the earlier one no longer works.", cancellationToken, domainId);

    public async Task<IActionResult> OnPostPolicyAsync(Guid domainId, string? policy, string? role, CancellationToken cancellationToken) =>
        await ShowAsync(await domains.SetJoinPolicyAsync(domainId, policy, role, cancellationToken), "Join policy saved.", cancellationToken, domainId);

    public async Task<IActionResult> OnPostRemoveAsync(Guid domainId, CancellationToken cancellationToken) =>
        await ShowAsync(await domains.RemoveAsync(domainId, cancellationToken), "Domain removed.", cancellationToken, domainId);

    /// <summary>The panel again with the outcome; without htmx, success redirects (post/redirect/get) and a refusal shows the page.</summary>
    private async Task<IActionResult> ShowAsync(
        Refusal? refusal, string notice, CancellationToken cancellationToken, Guid? row, string? typedDomain = null, string? typedEmail = null)
    {
        if (refusal is { NotFound: true })
        {
            return NotFound();
        }

        if (refusal is not null && !await domains.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        Response.VaryOnHtmx();
        if (refusal is null)
        {
            this.Notify(notice);
            if (!Request.IsHtmx())
            {
                return RedirectToPage();
            }
        }
        else
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        Panel = new DomainsPanel(await domains.ListAsync(cancellationToken), refusal, row,
            refusal is null ? null : typedDomain?.Trim(), refusal is null ? null : typedEmail?.Trim());
        return Request.IsHtmx() ? Partial("_DomainsPanel", Panel) : Page();
    }
}
