using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity.Sso;

/// <summary>The organization's single sign-on as its settings page shows it (never the secret).</summary>
public sealed record SsoSettingsView(string? Authority, string? ClientId, bool Configured, bool RequireSso, IReadOnlyList<string> VerifiedDomains);

/// <summary>
/// The resolved organization's own OpenID Connect provider, for its Admins (and super admins): authority, client id
/// and secret (encrypted, never shown again; left empty on a later save, the one kept stays), a test of the
/// connection, and "require SSO" for its verified domains. Each method returns null when done, or the refusal.
/// </summary>
public sealed class OrganizationSsoSettings(
    CatalogDbContext catalog, TenantContext tenant, MemberRoles roles, IHttpContextAccessor http, SsoProviders providers, TimeProvider clock, AuditLog audit)
{
    private const int SecretMaxLength = 1000;
    private static readonly Refusal NotAnAdmin = new("Only the organization's admins manage its single sign-on.");
    private static readonly Refusal NotConfigured = new("Set up the provider first.");

    public Task<bool> CanManageAsync(CancellationToken cancellationToken) => roles.CanManageAsync(cancellationToken);

    public async Task<SsoSettingsView> ViewAsync(CancellationToken cancellationToken)
    {
        var organizationId = tenant.RequiredOrganization.Id;
        var settings = await catalog.SsoSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == organizationId, cancellationToken);
        var domains = await catalog.OrganizationDomains.AsNoTracking().Where(d => d.OrganizationId == organizationId && d.VerifiedAt != null)
            .OrderBy(d => d.Domain).Select(d => d.Domain).ToListAsync(cancellationToken);
        return new SsoSettingsView(settings?.Authority, settings?.ClientId, settings is not null, settings?.RequireSso ?? false, domains);
    }

    public async Task<Refusal?> SaveAsync(string? typedAuthority, string? typedClientId, string? typedSecret, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return NotAnAdmin;
        }

        var authority = typedAuthority?.Trim().TrimEnd('/') ?? "";
        if (AuthorityProblem(authority) is { } problem)
        {
            return new Refusal(problem, "authority");
        }

        var clientId = typedClientId?.Trim() ?? "";
        if (clientId.Length is 0 or > OrganizationSso.ClientIdMaxLength || clientId.Any(char.IsControl))
        {
            return new Refusal($"Enter the client id the provider gave MarketEdge (at most {OrganizationSso.ClientIdMaxLength} characters).", "clientId");
        }

        var organizationId = tenant.RequiredOrganization.Id;
        var settings = await catalog.SsoSettings.SingleOrDefaultAsync(s => s.OrganizationId == organizationId, cancellationToken);
        var secret = typedSecret?.Trim() ?? "";
        if (secret.Length > SecretMaxLength || (secret.Length == 0 && settings is null))
        {
            return new Refusal(secret.Length == 0 ? "Enter the client secret the provider gave MarketEdge." : $"Use a secret of at most {SecretMaxLength} characters.", "clientSecret");
        }

        if (settings is null)
        {
            settings = new OrganizationSso { OrganizationId = organizationId, Authority = authority, ClientId = clientId, ProtectedClientSecret = providers.Protect(secret) };
            catalog.SsoSettings.Add(settings);
        }

        settings.Authority = authority;
        settings.ClientId = clientId;
        if (secret.Length > 0)
        {
            settings.ProtectedClientSecret = providers.Protect(secret);
        }

        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedByUserId = ActorId;
        audit.Add("sso.configured", ActorId, organizationId, $"{authority}, client {clientId}{(secret.Length > 0 ? ", new secret" : "")}");
        await catalog.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Reads the saved provider's discovery document and keys now; the result, whichever it is.</summary>
    public async Task<(ProviderCheck? Check, Refusal? Refusal)> TestAsync(CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return (null, NotAnAdmin);
        }

        var authority = await catalog.SsoSettings.Where(s => s.OrganizationId == tenant.RequiredOrganization.Id).Select(s => s.Authority).SingleOrDefaultAsync(cancellationToken);
        return authority is null ? (null, NotConfigured) : (await providers.CheckAsync(authority, cancellationToken), null);
    }

    /// <summary>Members with an address at a verified domain must (or need no longer) sign in through the provider here.</summary>
    public async Task<Refusal?> RequireAsync(bool required, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return NotAnAdmin;
        }

        var organizationId = tenant.RequiredOrganization.Id;
        var settings = await catalog.SsoSettings.SingleOrDefaultAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (settings is null)
        {
            return NotConfigured;
        }

        if (required && !await catalog.OrganizationDomains.AnyAsync(d => d.OrganizationId == organizationId && d.VerifiedAt != null, cancellationToken))
        {
            return new Refusal("Verify a domain first: single sign-on is required of the people with an address at the organization's verified domains.");
        }

        settings.RequireSso = required;
        audit.Add(required ? "sso.required" : "sso.optional", ActorId, organizationId, settings.Authority);
        await catalog.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Forgets the provider, once the Admin has <paramref name="confirmed"/> it.</summary>
    public async Task<Refusal?> RemoveAsync(bool confirmed, CancellationToken cancellationToken)
    {
        if (!await roles.CanManageAsync(cancellationToken))
        {
            return NotAnAdmin;
        }

        if (!confirmed)
        {
            return new Refusal("Tick the box to confirm.", "confirmed");
        }

        var organizationId = tenant.RequiredOrganization.Id;
        var settings = await catalog.SsoSettings.SingleOrDefaultAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (settings is null)
        {
            return NotConfigured;
        }

        catalog.SsoSettings.Remove(settings);
        audit.Add("sso.removed", ActorId, organizationId, settings.Authority);
        await catalog.SaveChangesAsync(cancellationToken);
        return null;
    }

    private Guid? ActorId => http.HttpContext?.User.UserId();

    private string? AuthorityProblem(string authority)
    {
        if (authority.Length is 0 or > OrganizationSso.AuthorityMaxLength
            || !Uri.TryCreate(authority, UriKind.Absolute, out var uri) || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return "Enter the provider's issuer address, like https://login.example.com (no query, no #).";
        }

        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && providers.AllowsPlainHttp && uri.IsLoopback)
            ? null
            : "Use an https:// address: the provider's keys and tokens must not travel in clear.";
    }
}
