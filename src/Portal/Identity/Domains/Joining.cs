using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketEdge.Portal.Identity.Domains;

/// <summary>An organization someone may join (or ask to) because their proven address is at one of its verified domains.</summary>
public sealed record JoinOffer(Guid OrganizationId, string Name, string Domain, JoinPolicy Policy, MembershipRole Role, bool Requested);

/// <summary>A pending request to join, as the organization's users page lists it.</summary>
public sealed record JoinRequestRow(Guid Id, string Email, string Name, DateTimeOffset CreatedAt);

/// <summary>
/// Joining an organization by one's address: offers (on the platform home) to people whose address is proven
/// — confirmed by an emailed link, which is how every password account is made (an invitation), or asserted
/// verified by single sign-on — at a verified domain whose policy is not off, in an Active organization they are not
/// a member of (a deactivated member is still one, and is never offered a way back). Joining or asking re-judges all
/// of it on the server; an Admin approves or declines requests. Membership changes take the organization's member lock.
/// </summary>
public sealed class Joining(CatalogDbContext catalog, TenantContext tenant, MemberRoles roles, IHttpContextAccessor http, OrganizationLinks links, TimeProvider clock, AuditLog audit)
{
    private static readonly Refusal NoLongerOffered = new("You can no longer join this organization by your address. Ask its admins for an invitation.");
    private static readonly Refusal NotAnAdmin = new("Only the organization's admins decide on requests to join.");

    public async Task<IReadOnlyList<JoinOffer>> OffersAsync(Guid userId, CancellationToken cancellationToken) =>
        await Offers(userId, organizationId: null).ToListAsync(cancellationToken);

    /// <summary>Joins at once where the policy is automatic.</summary>
    public Task<Refusal?> JoinAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken) =>
        UnderMemberLockAsync(organizationId, async () =>
        {
            if (await OfferAsync(userId, organizationId, cancellationToken) is not { Policy: JoinPolicy.Automatic } offer || offer.Role == MembershipRole.Admin)
            {
                return NoLongerOffered;
            }

            catalog.Memberships.Add(new Membership { OrganizationId = organizationId, UserId = userId, Role = offer.Role, CreatedAt = clock.GetUtcNow() });
            audit.Add("member.joined", userId, organizationId, $"{await EmailAsync(userId, cancellationToken)} as {offer.Role}, by an address at {offer.Domain}");
            await catalog.SaveChangesAsync(cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>Asks to join where the policy is "request"; the organization's active Admins are told by email.</summary>
    public async Task<Refusal?> RequestAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken)
    {
        if (await OfferAsync(userId, organizationId, cancellationToken) is not { Policy: JoinPolicy.Request } offer)
        {
            return NoLongerOffered;
        }

        if (offer.Requested)
        {
            return new Refusal($"You have already asked to join {offer.Name}; its admins will decide.");
        }

        var person = await catalog.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.DisplayName }).SingleAsync(cancellationToken);
        catalog.JoinRequests.Add(new JoinRequest { OrganizationId = organizationId, UserId = userId, CreatedAt = clock.GetUtcNow() });
        audit.Add("join.requested", userId, organizationId, $"{person.Email}, by an address at {offer.Domain}");
        var slug = await catalog.Organizations.Where(o => o.Id == organizationId).Select(o => o.Slug).SingleAsync(cancellationToken);
        var admins = await catalog.Memberships
            .Where(m => m.OrganizationId == organizationId && m.Role == MembershipRole.Admin && m.Status == MembershipStatus.Active)
            .Select(m => m.User.Email!).Take(20).ToListAsync(cancellationToken);
        foreach (var admin in admins)
        {
            catalog.OutboxMessages.Add(new OutboxMessage
            {
                OrganizationId = organizationId,
                CreatedAt = clock.GetUtcNow(),
                To = admin,
                Subject = $"{person.Email} asks to join {offer.Name} on MarketEdge",
                Body = $"""
                    Hello,

                    {(person.DisplayName.Length > 0 ? $"\"{OneLine(person.DisplayName)}\" ({person.Email})" : person.Email)} asks to join {offer.Name}: their address is at {offer.Domain}, one of its verified domains.
                    Approve or decline on the users page:

                    {links.For(slug, "/users")}
                    """,
            });
        }

        try
        {
            await catalog.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new Refusal($"You have already asked to join {offer.Name}; its admins will decide."); // a second click a moment ago
        }

        return null;
    }

    /// <summary>The resolved organization's pending requests, oldest first.</summary>
    public async Task<IReadOnlyList<JoinRequestRow>> PendingAsync(CancellationToken cancellationToken) =>
        await catalog.JoinRequests.AsNoTracking()
            .Where(r => r.OrganizationId == tenant.RequiredOrganization.Id && r.DecidedAt == null
                && !catalog.Memberships.Any(m => m.OrganizationId == r.OrganizationId && m.UserId == r.UserId))
            .OrderBy(r => r.CreatedAt)
            .Join(catalog.Users, r => r.UserId, u => u.Id, (r, u) => new JoinRequestRow(r.Id, u.Email!, u.DisplayName, r.CreatedAt))
            .ToListAsync(cancellationToken);

    /// <summary>Approves a request with <paramref name="role"/> (none above the Admin's own), or declines it when null; decided once.</summary>
    public async Task<Refusal?> DecideAsync(Guid requestId, MembershipRole? role, bool approve, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return NotAnAdmin;
        }

        if (approve && MembershipRoles.GrantProblem(role, MembershipRole.Admin) is { } problem)
        {
            return new Refusal(problem);
        }

        var organizationId = tenant.RequiredOrganization.Id;
        return await UnderMemberLockAsync(organizationId, async () =>
        {
            if (await roles.RoleAsync(cancellationToken, fresh: true) != MembershipRole.Admin)
            {
                return NotAnAdmin; // demoted a moment ago
            }

            var request = await catalog.JoinRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.OrganizationId == organizationId, cancellationToken);
            if (request is null)
            {
                return Refusal.Missing;
            }

            if (request.DecidedAt is not null)
            {
                return new Refusal("This request has already been decided.");
            }

            var email = await EmailAsync(request.UserId, cancellationToken);
            if (approve && await catalog.Memberships.AnyAsync(m => m.OrganizationId == organizationId && m.UserId == request.UserId, cancellationToken))
            {
                return new Refusal($"{email} is already a member of this organization (see the list below): change their role or status there.");
            }

            var actor = http.HttpContext?.User.UserId();
            request.DecidedAt = clock.GetUtcNow();
            request.DecidedByUserId = actor;
            if (approve)
            {
                request.ApprovedRole = role;
                catalog.Memberships.Add(new Membership { OrganizationId = organizationId, UserId = request.UserId, Role = role!.Value, CreatedAt = clock.GetUtcNow() });

                var organization = tenant.RequiredOrganization;
                catalog.OutboxMessages.Add(new OutboxMessage
                {
                    OrganizationId = organizationId,
                    CreatedAt = clock.GetUtcNow(),
                    To = email,
                    Subject = $"You have joined {organization.Name} on MarketEdge",
                    Body = $"""
                        Hello,

                        An administrator of {organization.Name} approved your request to join, as {role}.
                        Sign in here:

                        {links.For(organization.Slug, "/")}
                        """,
                });
            }

            audit.Add(approve ? "join.approved" : "join.declined", actor, organizationId, approve ? $"{email} as {role}" : email);
            await catalog.SaveChangesAsync(cancellationToken);
            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// Stages, in the caller's transaction, what keeps a person the Admins removed from coming straight back by their
    /// address: their pending request is closed and a declined one recorded. Only an invitation brings them back.
    /// </summary>
    public async Task KeepOutByAddressAsync(Guid organizationId, Guid userId, Guid? actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await catalog.JoinRequests.Where(r => r.OrganizationId == organizationId && r.UserId == userId && r.DecidedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.DecidedAt, now).SetProperty(r => r.DecidedByUserId, actor), cancellationToken);
        catalog.JoinRequests.Add(new JoinRequest { OrganizationId = organizationId, UserId = userId, CreatedAt = now, DecidedAt = now, DecidedByUserId = actor });
    }

    /// <summary>
    /// Offers to <paramref name="userId"/>: their confirmed address's domain, verified by an Active organization with a
    /// policy, where they have no membership (active or not) and the Admins have not declined them (a declined request,
    /// or a removal: see <see cref="KeepOutByAddressAsync"/>).
    /// </summary>
    private IQueryable<JoinOffer> Offers(Guid userId, Guid? organizationId) =>
        from user in catalog.Users
        where user.Id == userId && user.EmailConfirmed
        from domain in catalog.OrganizationDomains
        where domain.VerifiedAt != null && domain.JoinPolicy != JoinPolicy.Off
            && user.Email!.ToLower().EndsWith("@" + domain.Domain)
        join organization in catalog.Organizations on domain.OrganizationId equals organization.Id
        where (organizationId == null || organization.Id == organizationId) && organization.Status == OrganizationStatus.Active
            && !catalog.Memberships.Any(m => m.OrganizationId == organization.Id && m.UserId == userId)
            && !catalog.JoinRequests.Any(r => r.OrganizationId == organization.Id && r.UserId == userId && r.DecidedAt != null && r.ApprovedRole == null)
        orderby organization.Name
        select new JoinOffer(organization.Id, organization.Name, domain.Domain, domain.JoinPolicy, domain.JoinRole,
            catalog.JoinRequests.Any(r => r.OrganizationId == organization.Id && r.UserId == userId && r.DecidedAt == null));

    /// <summary>A name the person typed, as one line of plain text inside an email the Admins read.</summary>
    private static string OneLine(string text) => string.Concat(text.Where(c => !char.IsControl(c)));

    private Task<JoinOffer?> OfferAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken) =>
        Offers(userId, organizationId).FirstOrDefaultAsync(cancellationToken);

    private Task<string> EmailAsync(Guid userId, CancellationToken cancellationToken) =>
        catalog.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync(cancellationToken);

    /// <summary>Runs <paramref name="act"/> in a transaction holding the organization's member lock (as <see cref="MemberManagement"/> does).</summary>
    private async Task<Refusal?> UnderMemberLockAsync(Guid organizationId, Func<Task<Refusal?>> act, CancellationToken cancellationToken)
    {
        await using var transaction = await catalog.Database.BeginTransactionAsync(cancellationToken);
        await MemberLock.TakeAsync(catalog, organizationId, cancellationToken);
        var refusal = await act();
        if (refusal is null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return refusal;
    }
}
