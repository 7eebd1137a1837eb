using System.Security.Cryptography;
using System.Text;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Email;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketEdge.Portal.Identity.Domains;

/// <summary>One of the organization's domains as its settings page shows it.</summary>
public sealed record DomainRow(
    Guid Id, string Domain, DateTimeOffset? VerifiedAt, string? CodeSentTo, DateTimeOffset? CodeExpiresAt, bool CodeSpent, JoinPolicy JoinPolicy, MembershipRole JoinRole);

/// <summary>
/// The resolved organization's email domains, for its Admins (and super admins): claimed by adding one and typing the
/// code emailed to an address there (six digits, single use, 24 hours, five tries, only its hash kept), then given a
/// join policy. A domain verified by one organization cannot be verified by another — the database's unique index
/// decides a race — and public mail domains cannot be claimed at all. Each method returns null when done, or the refusal.
/// </summary>
public sealed class OrganizationDomains(CatalogDbContext catalog, TenantContext tenant, MemberRoles roles, IHttpContextAccessor http, TimeProvider clock, AuditLog audit)
{
    public const int MostPerOrganization = 20;
    public const int MostTries = 5;
    public const int MostCodesPerOrganizationPerDay = 10;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromHours(24);

    private static readonly Refusal NotAnAdmin = new("Only the organization's admins manage its domains.");
    private static readonly Refusal TakenElsewhere = new("Another organization has already verified this domain. If it is yours, contact support.", "domain");

    public Task<bool> CanManageAsync(CancellationToken cancellationToken) => roles.CanManageAsync(cancellationToken);

    public async Task<IReadOnlyList<DomainRow>> ListAsync(CancellationToken cancellationToken) =>
        await catalog.OrganizationDomains.AsNoTracking()
            .Where(d => d.OrganizationId == tenant.RequiredOrganization.Id)
            .OrderBy(d => d.Domain)
            .Select(d => new DomainRow(d.Id, d.Domain, d.VerifiedAt, d.CodeSentTo, d.CodeExpiresAt, d.FailedAttempts >= MostTries, d.JoinPolicy, d.JoinRole))
            .ToListAsync(cancellationToken);

    /// <summary>Claims <paramref name="typedDomain"/> and emails its code to <paramref name="typedEmail"/>, an address there.</summary>
    public async Task<Refusal?> AddAsync(string? typedDomain, string? typedEmail, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return NotAnAdmin;
        }

        var (domain, domainProblem) = EmailDomains.Normalize(typedDomain);
        if (domain is null)
        {
            return new Refusal(domainProblem!, "domain");
        }

        if (AddressProblem(typedEmail, domain) is { } addressProblem)
        {
            return addressProblem;
        }

        var organizationId = tenant.RequiredOrganization.Id;
        var claimed = await catalog.OrganizationDomains.AsNoTracking().Where(d => d.Domain == domain && (d.OrganizationId == organizationId || d.VerifiedAt != null))
            .Select(d => new { Ours = d.OrganizationId == organizationId }).ToListAsync(cancellationToken);
        if (claimed.Any(d => d.Ours))
        {
            return new Refusal($"{domain} is already on this organization's list.", "domain");
        }

        if (claimed.Count > 0)
        {
            return TakenElsewhere;
        }

        if (await catalog.OrganizationDomains.CountAsync(d => d.OrganizationId == organizationId, cancellationToken) >= MostPerOrganization)
        {
            return new Refusal($"An organization can have at most {MostPerOrganization} domains: remove one first.", "domain");
        }

        if (await TooManyCodesAsync(cancellationToken) is { } tooMany)
        {
            return tooMany with { Field = "domain" };
        }

        var added = new OrganizationDomain { OrganizationId = organizationId, Domain = domain, CreatedAt = clock.GetUtcNow(), AddedByUserId = ActorId };
        catalog.OrganizationDomains.Add(added);
        SendCode(added, typedEmail!.Trim());
        audit.Add("domain.added", ActorId, organizationId, $"{domain}, code sent to {added.CodeSentTo}");
        try
        {
            await catalog.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new Refusal($"{domain} is already on this organization's list.", "domain"); // added by another Admin a moment ago
        }

        return null;
    }

    /// <summary>A new code (the old one stops working), to <paramref name="typedEmail"/> or the address the last one went to.</summary>
    public Task<Refusal?> SendCodeAgainAsync(Guid domainId, string? typedEmail, CancellationToken cancellationToken) =>
        WithDomainAsync(domainId, async domain =>
        {
            if (domain.VerifiedAt is not null)
            {
                return new Refusal($"{domain.Domain} is already verified.");
            }

            var email = string.IsNullOrWhiteSpace(typedEmail) ? domain.CodeSentTo : typedEmail.Trim();
            if (AddressProblem(email, domain.Domain) is { } problem)
            {
                return problem with { Field = "code-email" };
            }

            if (await catalog.OrganizationDomains.AnyAsync(d => d.Domain == domain.Domain && d.VerifiedAt != null, cancellationToken))
            {
                return TakenElsewhere with { Field = null };
            }

            if (await TooManyCodesAsync(cancellationToken) is { } tooMany)
            {
                return tooMany;
            }

            SendCode(domain, email!);
            audit.Add("domain.code-sent", ActorId, domain.OrganizationId, $"{domain.Domain}, code sent to {email}");
            await catalog.SaveChangesAsync(cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>
    /// Verifies with the code: each try is counted before the code is compared (so racing guesses still get five in
    /// all), and the right code is claimed by one conditional update (so it works once).
    /// </summary>
    public Task<Refusal?> VerifyAsync(Guid domainId, string? typedCode, CancellationToken cancellationToken) =>
        WithDomainAsync(domainId, async domain =>
        {
            if (domain.VerifiedAt is not null)
            {
                return new Refusal($"{domain.Domain} is already verified.");
            }

            var code = new string((typedCode ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
            if (code.Length != 6 || !code.All(char.IsAsciiDigit))
            {
                return new Refusal("Enter the six digits from the email.", "code");
            }

            var now = clock.GetUtcNow();
            var tried = await catalog.OrganizationDomains
                .Where(d => d.Id == domain.Id && d.VerifiedAt == null && d.CodeHash != null && d.CodeExpiresAt > now && d.FailedAttempts < MostTries)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.FailedAttempts, d => d.FailedAttempts + 1), cancellationToken);
            if (tried != 1)
            {
                return new Refusal("This code has expired, was used, or was tried too many times: send a new one.", "code");
            }

            var hash = Hash(domain.Id, code);
            try
            {
                var verified = await catalog.OrganizationDomains
                    .Where(d => d.Id == domain.Id && d.VerifiedAt == null && d.CodeHash == hash)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(d => d.VerifiedAt, now).SetProperty(d => d.CodeHash, (string?)null)
                        .SetProperty(d => d.CodeExpiresAt, (DateTimeOffset?)null).SetProperty(d => d.FailedAttempts, 0), cancellationToken);
                if (verified != 1)
                {
                    var left = MostTries - domain.FailedAttempts - 1;
                    return new Refusal(left > 0
                        ? $"That is not the code we sent. {left} {(left == 1 ? "try" : "tries")} left."
                        : "That is not the code we sent, and it was the last try: send a new one.", "code");
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                return TakenElsewhere with { Field = null }; // verified by another organization a moment ago
            }

            audit.Add("domain.verified", ActorId, domain.OrganizationId, $"{domain.Domain}, by the code sent to {domain.CodeSentTo}");
            await catalog.SaveChangesAsync(cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>How people with an address at a verified domain join: off, by request, or automatically with a role (never Admin).</summary>
    public Task<Refusal?> SetJoinPolicyAsync(Guid domainId, string? typedPolicy, string? typedRole, CancellationToken cancellationToken) =>
        WithDomainAsync(domainId, async domain =>
        {
            if (domain.VerifiedAt is null)
            {
                return new Refusal($"Verify {domain.Domain} before choosing how people join.");
            }

            if (Enum.GetValues<JoinPolicy>().Cast<JoinPolicy?>().FirstOrDefault(p => p.ToString() == typedPolicy) is not { } policy)
            {
                return new Refusal("Choose how people join: Off, Request or Automatic.", "policy");
            }

            var role = domain.JoinRole;
            if (policy == JoinPolicy.Automatic)
            {
                if (MembershipRoles.Parse(typedRole) is not { } chosen || chosen == MembershipRole.Admin)
                {
                    return new Refusal("Choose User or Viewer: nobody joins as Admin by their address alone.", "role");
                }

                role = chosen;
            }

            domain.JoinPolicy = policy;
            domain.JoinRole = role;
            audit.Add("domain.join-policy-changed", ActorId, domain.OrganizationId,
                policy == JoinPolicy.Automatic ? $"{domain.Domain}: {policy} as {role}" : $"{domain.Domain}: {policy}");
            await catalog.SaveChangesAsync(cancellationToken);
            return null;
        }, cancellationToken);

    public Task<Refusal?> RemoveAsync(Guid domainId, CancellationToken cancellationToken) =>
        WithDomainAsync(domainId, async domain =>
        {
            catalog.OrganizationDomains.Remove(domain);
            audit.Add("domain.removed", ActorId, domain.OrganizationId, domain.Domain);
            await catalog.SaveChangesAsync(cancellationToken);
            return null;
        }, cancellationToken);

    public static string Hash(Guid domainId, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{domainId:N}:{code}")));

    private Guid? ActorId => http.HttpContext?.User.UserId();

    private static Refusal? AddressProblem(string? typedEmail, string domain)
    {
        var email = typedEmail?.Trim() ?? "";
        if (MailboxAddress.Problem(email) is { } problem)
        {
            return new Refusal(problem, "email");
        }

        return EmailDomains.Of(email) == domain ? null : new Refusal($"Enter an address at {domain}, where the code can prove the domain is yours.", "email");
    }

    /// <summary>
    /// The refusal once the organization has been sent <see cref="MostCodesPerOrganizationPerDay"/> codes in 24 hours (counted
    /// from its audit trail): with five tries each, guessing a code stays hopeless, and no address can be flooded.
    /// </summary>
    private async Task<Refusal?> TooManyCodesAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - TimeSpan.FromHours(24);
        var sent = await catalog.AuditEvents.CountAsync(e => e.OrganizationId == tenant.RequiredOrganization.Id && e.OccurredAt > since
            && (e.Action == "domain.added" || e.Action == "domain.code-sent"), cancellationToken);
        return sent >= MostCodesPerOrganizationPerDay
            ? new Refusal($"This organization has been sent {MostCodesPerOrganizationPerDay} codes in the last 24 hours: try again tomorrow.")
            : null;
    }

    /// <summary>A new code for <paramref name="domain"/>, staged with its email for the caller's save.</summary>
    private void SendCode(OrganizationDomain domain, string email)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        domain.CodeSentTo = email;
        domain.CodeHash = Hash(domain.Id, code);
        domain.CodeExpiresAt = clock.GetUtcNow() + CodeLifetime;
        domain.FailedAttempts = 0;
        var organization = tenant.RequiredOrganization;
        catalog.OutboxMessages.Add(new OutboxMessage
        {
            OrganizationId = organization.Id,
            CreatedAt = clock.GetUtcNow(),
            To = email,
            Subject = $"{code} is your code to verify {domain.Domain} for {organization.Name}",
            Body = $"""
                Hello,

                An administrator of {organization.Name} on MarketEdge is verifying that {domain.Domain} belongs to their organization.
                Type this code on the organization's domains page:

                {code}

                The code works once and expires at {domain.CodeExpiresAt:HH:mm} UTC on {domain.CodeExpiresAt:d MMMM yyyy}.
                If you did not expect this email, ignore it: nothing changes without the code.
                """,
        });
    }

    /// <summary>One of the resolved organization's domains (any other id is not found), tracked, for an Admin.</summary>
    private async Task<Refusal?> WithDomainAsync(Guid domainId, Func<OrganizationDomain, Task<Refusal?>> act, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return NotAnAdmin;
        }

        var domain = await catalog.OrganizationDomains.SingleOrDefaultAsync(
            d => d.Id == domainId && d.OrganizationId == tenant.RequiredOrganization.Id, cancellationToken);
        return domain is null ? Refusal.Missing : await act(domain);
    }
}
