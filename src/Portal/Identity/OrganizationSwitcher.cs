using System.Security.Claims;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Catalog.Changes;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Identity;

public sealed record SwitcherChoice(Guid Id, string Slug, string Name);

/// <summary>
/// The organizations a person may enter (super admins: all active ones; everyone else: their active
/// memberships), where each one's home is (subdomain or route, per Tenancy:Mode), and the one last used.
/// </summary>
public sealed class OrganizationSwitcher(
    CatalogDbContext catalog, CatalogCache cache, RecentActivity recent, TenantContext tenant, IOptions<TenancyOptions> tenancy)
{
    public const int Limit = 20;

    /// <summary>
    /// The first <see cref="Limit"/> organizations the person may enter, by name, matching <paramref name="query"/>.
    /// Without a query (the layout's switcher, on every page) the list is the person's cached one, dropped
    /// when their memberships or roles change or any organization does.
    /// </summary>
    public async Task<IReadOnlyList<SwitcherChoice>> ChoicesAsync(ClaimsPrincipal user, string? query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query) && user.UserId() is { } userId)
        {
            return await cache.GetOrLoadAsync(CatalogCache.SwitcherKey(userId, user.IsInRole(PortalRoles.SuperAdmin)),
                () => SearchAsync(user, null, cancellationToken), dependsOnEveryOrganization: true);
        }

        return await SearchAsync(user, query, cancellationToken);
    }

    private async Task<IReadOnlyList<SwitcherChoice>> SearchAsync(ClaimsPrincipal user, string? query, CancellationToken cancellationToken)
    {
        var organizations = Enterable(user);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var pattern = LikePattern.Containing(query);
            organizations = organizations.Where(o => EF.Functions.ILike(o.Name, pattern, LikePattern.Escape) || EF.Functions.ILike(o.Slug, pattern, LikePattern.Escape));
        }

        return await organizations.OrderBy(o => o.Name).Take(Limit)
            .Select(o => new SwitcherChoice(o.Id, o.Slug, o.Name))
            .ToListAsync(cancellationToken);
    }

    public async Task<SwitcherChoice?> FindAsync(ClaimsPrincipal user, string slug, CancellationToken cancellationToken) =>
        await Enterable(user).Where(o => o.Slug == slug).Select(o => new SwitcherChoice(o.Id, o.Slug, o.Name)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Where signing in on the root host should land: the organization last used, else the only one, else nowhere in particular.</summary>
    public async Task<SwitcherChoice?> LandingAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return null;
        }

        var lastUsed = recent.LastOrganizationOf(userId)
            ?? await catalog.Users.Where(u => u.Id == userId).Select(u => u.LastOrganizationId).SingleOrDefaultAsync(cancellationToken);
        var enterable = await Enterable(user).Select(o => new SwitcherChoice(o.Id, o.Slug, o.Name)).Take(2).ToListAsync(cancellationToken);
        var last = lastUsed is null ? null : await Enterable(user).Where(o => o.Id == lastUsed)
            .Select(o => new SwitcherChoice(o.Id, o.Slug, o.Name)).SingleOrDefaultAsync(cancellationToken);
        return last ?? (enterable.Count == 1 ? enterable[0] : null);
    }

    /// <summary>Notes the organization the person is in, for the next sign-in on the root host; written in the background.</summary>
    public void Remember(Guid userId, Guid organizationId) => recent.OrganizationUsed(userId, organizationId);

    /// <summary>Records a choice the person made (the switcher) at once: their next sign-in, through any process, lands there.</summary>
    public async Task RememberChoiceAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken)
    {
        recent.OrganizationUsed(userId, organizationId);
        await recent.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// The organization's home: its subdomain in Host mode, or when this request came in on a subdomain (an
    /// organization's route exists only on the root host); its route on the root host otherwise.
    /// </summary>
    public string HomeUrl(HttpRequest request, string slug) => tenancy.Value.Mode == TenancyMode.Host || tenant.ResolvedByHost
        ? PlatformAddress.OrganizationUrl(request, tenancy.Value, slug)
        : $"/o/{slug}/";

    private IQueryable<Organization> Enterable(ClaimsPrincipal user)
    {
        var active = catalog.Organizations.AsNoTracking().Where(o => o.Status == OrganizationStatus.Active);
        if (user.IsInRole(PortalRoles.SuperAdmin))
        {
            return active;
        }

        var userId = user.UserId() ?? Guid.Empty;
        return active.Where(o => o.Memberships.Any(m => m.UserId == userId && m.Status == MembershipStatus.Active));
    }
}
