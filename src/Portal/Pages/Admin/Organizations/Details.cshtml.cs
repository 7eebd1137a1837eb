using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Support;
using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Provisioning;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Pages.Admin.Organizations;

public sealed record ProgressModel(Organization Organization, ProvisioningRun? LatestRun, string SubdomainUrl);

/// <summary>One event of the organization's history; <see cref="Supporter"/> is the super admin who did it as the actor (support access).</summary>
public sealed record HistoryEntry(AuditEvent Event, string? Actor, string? Supporter)
{
    public string Who => Supporter is null ? Actor ?? "system" : $"{Supporter} as {Actor}";
}

/// <summary>One organization: provisioning progress (live), its facts, flags, lifecycle actions and history.</summary>
public sealed class DetailsModel(
    CatalogDbContext catalog,
    OrganizationLifecycle lifecycle,
    OrganizationFeatures features,
    PackRegistry packs,
    SicCatalogue sic,
    IOptions<TenancyOptions> tenancy) : PageModel
{
    public Organization Organization { get; private set; } = null!;

    public ProgressModel Progress { get; private set; } = null!;

    public IReadOnlyList<ProvisioningRun> Runs { get; private set; } = [];

    public IReadOnlyList<EffectiveFlag> Flags { get; private set; } = [];

    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    public IReadOnlyList<LoadedPack> Packs => packs.Loaded;

    public int MemberCount { get; private set; }

    public UsageFigures? Usage { get; private set; }

    /// <summary>The member search of the support-access section (by name or email).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Member { get; set; }

    /// <summary>Active members support access may view as (the first <see cref="MembersShown"/> matching <see cref="Member"/>).</summary>
    public IReadOnlyList<SupportCandidate> Members { get; private set; } = [];

    public const int MembersShown = 20;

    public string PackName => packs.Find(Organization.PackId)?.Pack.DisplayName ?? $"{Organization.PackId} (not loaded)";

    public string? SicTitle => sic.Find(Organization.SicCode)?.Title;

    public string DatabaseName => TenantInfo.From(Organization).DatabaseName;

    public string DeleteAfter => tenancy.Value.DeleteAfter.TotalDays >= 1
        ? $"{tenancy.Value.DeleteAfter.TotalDays:0.#} days"
        : $"{tenancy.Value.DeleteAfter.TotalMinutes:0} minutes";

    public string? ActionError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    /// <summary>The progress panel alone, polled by htmx while provisioning runs.</summary>
    public async Task<IActionResult> OnGetProgressAsync(string slug, CancellationToken cancellationToken)
    {
        Response.VaryOnHtmx();
        return await LoadProgressAsync(slug, cancellationToken) ? Partial("_Progress", Progress) : NotFound();
    }

    public Task<IActionResult> OnPostRenameAsync(string slug, string? name, CancellationToken cancellationToken) =>
        ActAsync(slug, o => lifecycle.RenameAsync(o, name, User.UserId(), cancellationToken), "Renamed.", cancellationToken);

    public Task<IActionResult> OnPostIndustryAsync(string slug, string? packId, string? sicCode, CancellationToken cancellationToken) =>
        ActAsync(slug, o => lifecycle.ChangeIndustryAsync(o, packId, sicCode, User.UserId(), cancellationToken),
            "Industry changed; the flags now follow the new pack.", cancellationToken);

    public Task<IActionResult> OnPostFlagAsync(string slug, string key, string value, CancellationToken cancellationToken)
    {
        bool? enabled = value switch { "on" => true, "off" => false, _ => null };
        return ActAsync(slug, o => lifecycle.SetFlagAsync(o, key, enabled, User.UserId(), cancellationToken), "Flag updated.", cancellationToken);
    }

    public Task<IActionResult> OnPostSuspendAsync(string slug, CancellationToken cancellationToken) =>
        ActAsync(slug, o => lifecycle.SuspendAsync(o, User.UserId(), cancellationToken), "Suspended: members are shut out.", cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(string slug, CancellationToken cancellationToken) =>
        ActAsync(slug, o => lifecycle.ReactivateAsync(o, User.UserId(), cancellationToken), "Reactivated.", cancellationToken);

    public Task<IActionResult> OnPostArchiveAsync(string slug, string? confirmation, CancellationToken cancellationToken) =>
        ActAsync(slug, o => lifecycle.ArchiveAsync(o, confirmation, User.UserId(), cancellationToken),
            "Archived: members are shut out, and the database will be deleted when the grace period ends.", cancellationToken);

    public Task<IActionResult> OnPostCancelArchiveAsync(string slug, CancellationToken cancellationToken) =>
        ActAsync(slug, o => lifecycle.CancelArchiveAsync(o, User.UserId(), cancellationToken), "Archive cancelled: the organization is back as it was.", cancellationToken);

    public Task<IActionResult> OnPostRetryAsync(string slug, CancellationToken cancellationToken) =>
        ActAsync(slug, o => lifecycle.RetryProvisioningAsync(o, User.UserId(), cancellationToken), "Provisioning started again.", cancellationToken);

    /// <summary>Runs one action; success redirects back (post/redirect/get), a refusal shows the page with the reason and changes nothing.</summary>
    private async Task<IActionResult> ActAsync(string slug, Func<Organization, Task<Refusal?>> action, string notice, CancellationToken cancellationToken)
    {
        var organization = await catalog.Organizations.SingleOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        if (await action(organization) is { } refusal)
        {
            catalog.ChangeTracker.Clear();
            await LoadAsync(slug, cancellationToken);
            ActionError = refusal.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        this.Notify(notice);
        return RedirectToPage("Details", new { slug });
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadProgressAsync(slug, cancellationToken))
        {
            return false;
        }

        MemberCount = await catalog.Memberships.CountAsync(m => m.OrganizationId == Organization.Id, cancellationToken);
        Usage = await catalog.UsageFigures.AsNoTracking().SingleOrDefaultAsync(u => u.OrganizationId == Organization.Id, cancellationToken);
        var members = catalog.Memberships.AsNoTracking().Where(m => m.OrganizationId == Organization.Id && m.Status == MembershipStatus.Active);
        if (!string.IsNullOrWhiteSpace(Member))
        {
            var pattern = LikePattern.Containing(Member.Trim());
            members = members.Where(m => EF.Functions.ILike(m.User.Email!, pattern, LikePattern.Escape) || EF.Functions.ILike(m.User.DisplayName, pattern, LikePattern.Escape));
        }

        Members = await members.OrderBy(m => m.User.Email).Take(MembersShown)
            .Select(m => new SupportCandidate(m.UserId, m.User.Email!, m.User.DisplayName, m.Role))
            .ToListAsync(cancellationToken);
        Flags = await features.ForAsync(Organization.Id, Organization.PackId, cancellationToken);
        History = await catalog.AuditEvents.AsNoTracking()
            .Where(a => a.OrganizationId == Organization.Id)
            .OrderByDescending(a => a.OccurredAt)
            .Take(50)
            .Select(a => new HistoryEntry(a, catalog.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.Email).FirstOrDefault(),
                catalog.Users.Where(u => u.Id == a.SupportUserId).Select(u => u.Email).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return true;
    }

    /// <summary>Just what the progress panel needs: the organization and its provisioning runs.</summary>
    private async Task<bool> LoadProgressAsync(string slug, CancellationToken cancellationToken)
    {
        var organization = await catalog.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (organization is null)
        {
            return false;
        }

        Organization = organization;
        Runs = await catalog.ProvisioningRuns.AsNoTracking().Include(r => r.Steps)
            .Where(r => r.OrganizationId == organization.Id)
            .OrderByDescending(r => r.Attempt)
            .ToListAsync(cancellationToken);
        Progress = new ProgressModel(organization, Runs.FirstOrDefault(), PlatformAddress.OrganizationUrl(Request, tenancy.Value, organization.Slug));
        return true;
    }
}
