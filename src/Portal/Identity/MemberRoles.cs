using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// The one place that answers "who is this caller here". For a signed-in request, one catalog round trip
/// (<see cref="LoadAsync"/>, from the session check) answers everything at once and fresh: the session is
/// still open, and, inside an organization that is Active in the catalog itself (not in any cache), the
/// caller's role, its SIC code and its flag overrides, so a deactivation, a role change, a suspension or
/// a flag change made by any portal process applies at the next request. Super admins count as Admins;
/// everyone else has the role of their active membership, if any — none when the organization requires its own
/// single sign-on of their address and this session was not made by it.
/// </summary>
public sealed class MemberRoles(CatalogDbContext catalog, TenantContext tenant, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>
    /// Reads the caller's facts for this request into <see cref="TenantContext.Caller"/>; null when the
    /// session is not open (ended, or not this person's). Returns when the session was last seen.
    /// </summary>
    public async Task<DateTimeOffset?> LoadAsync(System.Security.Claims.ClaimsPrincipal principal, Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var organizationId = tenant.Organization?.Id ?? Guid.Empty;
        var found = await FactsQuery(catalog, sessionId, userId, organizationId, clock.GetUtcNow());
        if (found is null)
        {
            return null;
        }

        var organization = found.Organization;
        // A session made by one organization's own provider is good in that organization only; an organization that
        // requires its own sign-in of this address accepts no session made another way.
        var madeBy = principal.FindAll("amr").Select(c => c.Value).Where(Sso.SsoClaims.IsOrganizationMethod).ToList();
        var here = Sso.SsoClaims.OrganizationMethod(organizationId);
        // Support access, in the organization it was granted for, was made by a super admin: no provider of the person's made it.
        var viaSupport = Support.SupportGrant.Of(principal) is { } grant && grant.OrganizationId == organizationId;
        var role = !viaSupport && (madeBy.Any(method => method != here) || (organization is { SsoRequired: true } && !madeBy.Contains(here)))
            ? null
            : organization?.Role;
        tenant.SetCaller(new CallerFacts(
            userId,
            tenant.Organization?.Id,
            organization is not null,
            role,
            organization?.SicCode,
            organization?.Flags.ToDictionary(f => f.Key, f => f.Enabled)));
        return found.LastSeenAt;
    }

    /// <summary>Compiled once (perf: EF's query-cache look-up hashed this tree on every request).</summary>
    private static readonly Func<CatalogDbContext, Guid, Guid, Guid, DateTimeOffset, Task<SessionRow?>> FactsQuery = EF.CompileAsyncQuery(
        (CatalogDbContext catalog, Guid sessionId, Guid userId, Guid organizationId, DateTimeOffset now) => catalog.UserSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now)
                // Support access lasts only while the super admin's own session does (signing out everywhere ends it too).
                && (s.SupportBySessionId == null || catalog.UserSessions.Any(own => own.Id == s.SupportBySessionId && own.EndedAt == null)))
            .Select(s => new SessionRow(
                s.LastSeenAt,
                catalog.Organizations
                    .Where(o => o.Id == organizationId && o.Status == OrganizationStatus.Active)
                    .Select(o => new OrganizationRow(
                        o.SicCode,
                        o.Memberships.Where(m => m.UserId == userId && m.Status == MembershipStatus.Active)
                            .Select(m => (MembershipRole?)m.Role).FirstOrDefault(),
                        o.FlagOverrides.Select(f => new FlagRow(f.FlagKey, f.Enabled)).ToList(),
                        catalog.SsoSettings.Any(sso => sso.OrganizationId == o.Id && sso.RequireSso)
                            && catalog.OrganizationDomains.Any(d => d.OrganizationId == o.Id && d.VerifiedAt != null
                                && catalog.Users.Any(u => u.Id == userId && u.Email!.ToLower().EndsWith("@" + d.Domain)))))
                    .FirstOrDefault()))
            .SingleOrDefault());

    private sealed record SessionRow(DateTimeOffset LastSeenAt, OrganizationRow? Organization);

    private sealed record OrganizationRow(string SicCode, MembershipRole? Role, List<FlagRow> Flags, bool SsoRequired);

    private sealed record FlagRow(string Key, bool Enabled);

    /// <summary>The caller's role here; <paramref name="fresh"/> asks the catalog again (inside a lock that serializes changes).</summary>
    public async Task<MembershipRole?> RoleAsync(CancellationToken cancellationToken, bool fresh = false)
    {
        var user = http.HttpContext?.User;
        if (user?.UserId() is not { } userId || tenant.Organization is not { } organization)
        {
            return null;
        }

        if (!fresh && tenant.Caller is { } known && known.UserId == userId && known.OrganizationId == organization.Id)
        {
            return !known.OrganizationActive ? null : user.IsInRole(PortalRoles.SuperAdmin) ? MembershipRole.Admin : known.MembershipRole;
        }

        var found = await catalog.Organizations
            .Where(o => o.Id == organization.Id && o.Status == OrganizationStatus.Active)
            .Select(o => new
            {
                Role = o.Memberships.Where(m => m.UserId == userId && m.Status == MembershipStatus.Active).Select(m => (MembershipRole?)m.Role).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : user.IsInRole(PortalRoles.SuperAdmin) ? MembershipRole.Admin : found.Role;
    }

    public async Task<bool> CanEditDataAsync(CancellationToken cancellationToken) =>
        await RoleAsync(cancellationToken) is MembershipRole.Admin or MembershipRole.User;

    public async Task<bool> CanManageAsync(CancellationToken cancellationToken) =>
        await RoleAsync(cancellationToken) == MembershipRole.Admin;
}

/// <summary>
/// The signed-in caller as this request found them in the organization it is for: whether that organization
/// is Active in the catalog, their own active membership's role there (super admins are made Admins by
/// <see cref="MemberRoles.RoleAsync"/>, from the principal as the cookie check left it), its SIC code and flag overrides.
/// </summary>
public sealed record CallerFacts(
    Guid UserId, Guid? OrganizationId, bool OrganizationActive, MembershipRole? MembershipRole, string? SicCode,
    IReadOnlyDictionary<string, bool>? FlagOverrides);
