using System.Security.Claims;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity.TwoFactor;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity.Support;

/// <summary>A member a super admin may view the portal as.</summary>
public sealed record SupportCandidate(Guid UserId, string Email, string Name, MembershipRole Role);

/// <summary>
/// Support access ("view as"): a super admin sees one organization's portal as one of its members, for a reason
/// they give, for at most <see cref="Lasts"/>. It is a session of the person's own (listed among their sessions, so
/// they can end it), marked with the super admin behind it (<see cref="SupportGrant"/>); the super admin's own session
/// stays open and is returned to when it stops — by the Stop button, by the time running out, or by the organization
/// switching support access off. What may not happen during it is kept out by <see cref="SupportAccessGate"/>.
/// </summary>
public sealed class SupportAccess(
    CatalogDbContext catalog, SignInManager<PortalUser> signIn, AuditLog audit, TimeProvider clock, TenantContext tenant, IHttpContextAccessor http)
{
    public static readonly TimeSpan Lasts = TimeSpan.FromMinutes(30);
    public const int ReasonMaxLength = 300;
    public const string ReasonField = "reason";

    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("Support access needs a request.");

    /// <summary>The active member <paramref name="userId"/> of <paramref name="organization"/> as support access would see them, or why not.</summary>
    public async Task<(SupportCandidate? Person, Refusal? Refusal)> CandidateAsync(Organization organization, Guid userId, CancellationToken cancellationToken)
    {
        var person = await catalog.Memberships.AsNoTracking()
            .Where(m => m.OrganizationId == organization.Id && m.UserId == userId && m.Status == MembershipStatus.Active)
            .Select(m => new SupportCandidate(m.UserId, m.User.Email!, m.User.DisplayName, m.Role))
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return (null, Refusal.Missing);
        }

        var superAdmin = await catalog.UserRoles.AnyAsync(r => r.UserId == userId
            && catalog.Roles.Any(role => role.Id == r.RoleId && role.Name == PortalRoles.SuperAdmin), cancellationToken);
        Refusal? refusal = (organization, superAdmin) switch
        {
            _ when userId == Http.User.UserId() => new("That is you: there is nothing to view as."),
            (_, true) => new("Super admins cannot be viewed as: they see everything as themselves."),
            ({ Status: not OrganizationStatus.Active }, _) => new("Support access needs an active organization."),
            ({ RefuseSupportAccess: true }, _) => new($"{organization.Name} has switched support access off. Its Admins can switch it on again on their settings page."),
            _ => null,
        };
        return (person, refusal);
    }

    /// <summary>Starts viewing as <paramref name="userId"/> in this browser; the refusal (beside the reason, or above the form) otherwise.</summary>
    public async Task<Refusal?> StartAsync(Organization organization, Guid userId, string? reason, CancellationToken cancellationToken)
    {
        var caller = Http.User;
        if (!caller.IsInRole(PortalRoles.SuperAdmin) || caller.UserId() is not { } byUserId || PortalSignIn.SessionId(caller) is not { } bySession)
        {
            throw new InvalidOperationException("Only a super admin's own session starts support access."); // the page's policy comes first
        }

        var why = ReasonOf(reason);
        if (why.Count(char.IsLetterOrDigit) < 3)
        {
            return new Refusal("Say why you need to see the portal as this person (a ticket number, say).", ReasonField);
        }

        if (why.Length > ReasonMaxLength)
        {
            return new Refusal($"Keep the reason to {ReasonMaxLength} characters.", ReasonField);
        }

        var (person, refusal) = await CandidateAsync(organization, userId, cancellationToken);
        if (refusal is not null || person is null)
        {
            return refusal ?? Refusal.Missing;
        }

        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            UserId = person.UserId,
            Where = Http.Request.Host.Host,
            Device = $"Support access by {caller.Identity?.Name}",
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + Lasts,
            SupportByUserId = byUserId,
            SupportBySessionId = bySession,
            SupportOrganizationId = organization.Id,
        };
        // One at a time: a support session this super admin left open elsewhere (another window, a double submit) ends now.
        var earlier = await catalog.UserSessions.Where(s => s.SupportByUserId == byUserId && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now), cancellationToken);
        if (earlier > 0)
        {
            audit.Add("support.ended", byUserId, organization.Id, "Replaced by a new support access");
        }

        catalog.UserSessions.Add(session);
        audit.Add("support.started", byUserId, organization.Id, $"Viewing as {person.Email} for: {why}");
        await catalog.SaveChangesAsync(cancellationToken);

        // Switched off at this very moment? The switch ends open support sessions after saving itself, so one of the two sees the other.
        if (await catalog.Organizations.AnyAsync(o => o.Id == organization.Id && o.RefuseSupportAccess, cancellationToken))
        {
            await EndAsync(session.Id, cancellationToken);
            return new Refusal($"{organization.Name} has switched support access off.");
        }

        var grant = new SupportGrant(byUserId, bySession, caller.Identity?.Name ?? "", [.. caller.FindAll(TwoFactorClaims.MethodType).Select(c => c.Value)],
            organization.Id, organization.Slug, person.Name.Length > 0 ? person.Name : person.Email, why, session.ExpiresAt.Value);
        var user = await signIn.UserManager.FindByIdAsync(person.UserId.ToString()) ?? throw new InvalidOperationException("The member's account vanished.");
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [SessionScope.ClaimFor(tenant), new Claim(Sessions.ClaimType, session.Id.ToString()), .. grant.ToClaims()]);
        return null;
    }

    /// <summary>The reason as one line, without control or invisible formatting characters (which would pass for words, or break the audit).</summary>
    private static string ReasonOf(string? reason)
    {
        var visible = new string((reason ?? "").Where(c => char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format)
            || char.IsWhiteSpace(c)).ToArray());
        return string.Join(' ', visible.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Stops viewing as someone (the Stop button): back to the super admin's own session if it is still open, else signed out.</summary>
    public async Task<bool> StopAsync(SupportGrant grant, CancellationToken cancellationToken)
    {
        if (PortalSignIn.SessionId(Http.User) is { } sessionId && await EndAsync(sessionId, cancellationToken))
        {
            await audit.RecordAsync("support.ended", grant.ByUserId, grant.OrganizationId, $"Stopped viewing as {Http.User.Identity?.Name}", cancellationToken);
        }

        if (await OwnPrincipalAsync(grant, Http.User, cancellationToken) is { } own)
        {
            await Http.SignInAsync(IdentityConstants.ApplicationScheme, own);
            return true;
        }

        await signIn.SignOutAsync();
        return false;
    }

    /// <summary>
    /// The super admin's own principal, when the support session <paramref name="sessionId"/> is no longer open (its time ran
    /// out, the organization switched support access off, the person signed out everywhere); null when theirs is closed too.
    /// </summary>
    public async Task<ClaimsPrincipal?> ReturnAsync(SupportGrant grant, ClaimsPrincipal support, Guid sessionId, CancellationToken cancellationToken)
    {
        if (await EndAsync(sessionId, cancellationToken)) // open only by the clock: time is up
        {
            await audit.RecordAsync("support.ended", grant.ByUserId, grant.OrganizationId,
                $"Time up ({Lasts.TotalMinutes:0} minutes): stopped viewing as {grant.PersonName}", cancellationToken);
        }

        return await OwnPrincipalAsync(grant, support, cancellationToken);
    }

    /// <summary>Ends every support session open in an organization (it has just switched support access off).</summary>
    public async Task EndAllInAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var open = catalog.UserSessions.Where(s => s.SupportOrganizationId == organizationId && s.EndedAt == null);
        var by = await open.Select(s => s.SupportByUserId).ToListAsync(cancellationToken);
        if (await open.ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, clock.GetUtcNow()), cancellationToken) > 0)
        {
            foreach (var superAdmin in by.Distinct())
            {
                audit.Add("support.ended", superAdmin, organizationId, "The organization switched support access off");
            }

            await catalog.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<bool> EndAsync(Guid sessionId, CancellationToken cancellationToken) =>
        await catalog.UserSessions.Where(s => s.Id == sessionId && s.SupportByUserId != null && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, clock.GetUtcNow()), cancellationToken) == 1;

    /// <summary>The super admin's own session as it was (same scope, session and sign-in methods), if it is still open.</summary>
    private async Task<ClaimsPrincipal?> OwnPrincipalAsync(SupportGrant grant, ClaimsPrincipal support, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await catalog.UserSessions.AnyAsync(s => s.Id == grant.BySessionId && s.UserId == grant.ByUserId && s.EndedAt == null
            && (s.ExpiresAt == null || s.ExpiresAt > now), cancellationToken);
        if (!open || await signIn.UserManager.FindByIdAsync(grant.ByUserId.ToString()) is not { } superAdmin
            || !await signIn.UserManager.IsInRoleAsync(superAdmin, PortalRoles.SuperAdmin))
        {
            return null;
        }

        var own = await signIn.CreateUserPrincipalAsync(superAdmin);
        var identity = (ClaimsIdentity)own.Identity!;
        identity.AddClaim(new Claim(SessionScope.ClaimType, support.FindFirstValue(SessionScope.ClaimType) ?? SessionScope.Platform));
        identity.AddClaim(new Claim(Sessions.ClaimType, grant.BySessionId.ToString()));
        identity.AddClaims(grant.ByMethods.Select(method => new Claim(TwoFactorClaims.MethodType, method)));
        return own;
    }
}
