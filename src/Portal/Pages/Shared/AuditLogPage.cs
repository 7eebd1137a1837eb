using MarketEdge.Portal.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketEdge.Portal.Pages.Shared;

/// <summary>
/// An audit log page: its filters from the query string, one page of events, and the same events as CSV.
/// The organization's page (its Admins) and the platform's (super admins) differ only in whose events they read.
/// </summary>
public abstract class AuditLogPage(AuditTrail trail) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true, Name = "what")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public AuditPage Events { get; private set; } = new([], null);

    public abstract bool AcrossOrganizations { get; }

    /// <summary>The message beside <paramref name="field"/> when its value cannot be used.</summary>
    public string? ErrorFor(string field) => ModelState[field]?.Errors.FirstOrDefault()?.ErrorMessage;

    protected AuditFilter Filter => new(Person, ActionName, From, To, OrganizationFilter);

    protected virtual string? OrganizationFilter => null;

    /// <summary>The organization filter as typed (super admins' page only).</summary>
    public string? OrganizationFilterValue => OrganizationFilter;

    /// <summary>Whose events: one organization's id, or null for every event (super admins); false when the caller may not look.</summary>
    protected abstract Task<(bool Allowed, Guid? OrganizationId)> ScopeAsync(CancellationToken cancellationToken);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (allowed, organizationId) = await ScopeAsync(cancellationToken);
        if (!allowed)
        {
            return Forbid();
        }

        Actions = await trail.ActionsAsync(organizationId, cancellationToken);
        if (!FilterIsUsable())
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Events = await trail.PageAsync(organizationId, Filter, Before, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var (allowed, organizationId) = await ScopeAsync(cancellationToken);
        if (!allowed)
        {
            return Forbid();
        }

        if (!FilterIsUsable())
        {
            return await OnGetAsync(cancellationToken);
        }

        return File(await trail.CsvAsync(organizationId, Filter, cancellationToken), "text/csv", $"{DownloadName}-{DateTime.UtcNow:yyyy-MM-dd}.csv");
    }

    protected abstract string DownloadName { get; }

    /// <summary>Dates that are not dates, and a first day after the last, each get their message beside the field.</summary>
    private bool FilterIsUsable()
    {
        foreach (var field in new[] { nameof(From), nameof(To) })
        {
            if (ModelState[field] is { Errors.Count: > 0 } entry)
            {
                entry.Errors.Clear();
                ModelState.AddModelError(field, "Enter a day like 2026-12-06.");
            }
        }

        if (ModelState[nameof(Before)] is { Errors.Count: > 0 })
        {
            ModelState.Remove(nameof(Before));
            Before = null; // not a page of this log: start from the newest
        }

        if (ModelState.IsValid && Filter.Problem is { } problem)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
        }

        return ModelState.IsValid;
    }
}
