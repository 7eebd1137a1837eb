using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity.Domains;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity.Sso;

/// <summary>Where an address signs in to an organization: its own provider when the address is at one of its verified domains.</summary>
public sealed record Realm(bool UsesSso, bool Required, string? Domain);

/// <summary>Home-realm discovery: which people an organization's own provider signs in, and whether it must.</summary>
public sealed class HomeRealm(CatalogDbContext catalog)
{
    private static readonly Realm Password = new(false, false, null);

    /// <summary>The address of the organization's own provider, or null when it has none.</summary>
    public Task<string?> ProviderAsync(Guid organizationId, CancellationToken cancellationToken) =>
        catalog.SsoSettings.Where(s => s.OrganizationId == organizationId).Select(s => s.Authority).SingleOrDefaultAsync(cancellationToken);

    public async Task<Realm> ForAsync(Guid organizationId, string? email, CancellationToken cancellationToken)
    {
        if (EmailDomains.Of(email?.Trim()) is not { } domain)
        {
            return Password;
        }

        var found = await catalog.SsoSettings.Where(s => s.OrganizationId == organizationId)
            .Select(s => new
            {
                s.RequireSso,
                Verified = catalog.OrganizationDomains.Any(d => d.OrganizationId == organizationId && d.VerifiedAt != null && d.Domain == domain),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return found is { Verified: true } ? new Realm(true, found.RequireSso, domain) : Password;
    }
}
