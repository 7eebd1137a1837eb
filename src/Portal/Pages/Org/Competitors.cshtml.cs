using MarketEdge.Portal.Catalog;
using MarketEdge.IndustryPacks;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.TenantData;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages.Org;

public sealed record CompetitorsPanel(
    IReadOnlyList<Competitor> Competitors, Terminology Terminology, bool CanEdit,
    string? Name = null, string? Location = null, string? NameError = null, string? LocationError = null);

/// <summary>
/// The competitors an organization watches, in its own database. Every id a handler receives is looked
/// up in this organization's database only, so another organization's ids are simply not found.
/// </summary>
public sealed class CompetitorsModel(TenantContext tenant, TenantDbContext tenantDb, MemberRoles roles, PackRegistry packs, AuditLog audit) : PageModel
{
    public TenantInfo Organization => tenant.RequiredOrganization;

    public CompetitorsPanel Panel { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Panel = await PanelAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string? name, string? location, CancellationToken cancellationToken)
    {
        if (!await roles.CanEditDataAsync(cancellationToken))
        {
            return Forbid();
        }

        var trimmedName = name?.Trim() ?? "";
        var trimmedLocation = string.IsNullOrWhiteSpace(location) ? null : location.Trim();
        var nameError = trimmedName.Length == 0 ? "Enter a name."
            : trimmedName.Length > Competitor.NameMaxLength ? $"Keep the name under {Competitor.NameMaxLength} characters."
            : await tenantDb.Competitors.AnyAsync(c => c.Name == trimmedName, cancellationToken) ? "You already watch one by that name."
            : null;
        var locationError = trimmedLocation?.Length > 200 ? "Keep this under 200 characters." : null;
        if (nameError is not null || locationError is not null)
        {
            Panel = await PanelAsync(cancellationToken) with { Name = name, Location = location, NameError = nameError, LocationError = locationError };
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Request.IsHtmx() ? Partial("_CompetitorsPanel", Panel) : Page();
        }

        tenantDb.Competitors.Add(new Competitor { Name = trimmedName, Location = trimmedLocation });
        await tenantDb.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("competitor.added", User.UserId(), Organization.Id, trimmedName, cancellationToken);
        this.Notify($"Now watching \u2068{trimmedName}\u2069."); // isolated: a right-to-left name cannot reorder the sentence
        return await AfterChangeAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await roles.CanEditDataAsync(cancellationToken))
        {
            return Forbid();
        }

        var competitor = await tenantDb.Competitors.FindAsync([id], cancellationToken);
        if (competitor is null)
        {
            return NotFound();
        }

        tenantDb.Competitors.Remove(competitor);
        await tenantDb.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("competitor.removed", User.UserId(), Organization.Id, competitor.Name, cancellationToken);
        this.Notify($"No longer watching \u2068{competitor.Name}\u2069.");
        return await AfterChangeAsync(cancellationToken);
    }

    private async Task<IActionResult> AfterChangeAsync(CancellationToken cancellationToken)
    {
        Response.VaryOnHtmx();
        return Request.IsHtmx() ? Partial("_CompetitorsPanel", await PanelAsync(cancellationToken)) : RedirectToPage();
    }

    private async Task<CompetitorsPanel> PanelAsync(CancellationToken cancellationToken) => new(
        await tenantDb.Competitors.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken),
        packs.TerminologyOf(Organization.PackId),
        await roles.CanEditDataAsync(cancellationToken));
}
