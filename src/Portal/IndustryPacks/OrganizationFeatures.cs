using MarketEdge.IndustryPacks;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.IndustryPacks;

/// <summary>A pack's flag as it applies to one organization: overridden by a super admin, or the pack's default.</summary>
public sealed record EffectiveFlag(FeatureFlag Definition, bool Enabled, bool Overridden);

/// <summary>
/// Works out an organization's feature flags: its override where a super admin set one, else its pack's
/// default. Inside the organization itself, the overrides come with the caller's facts (read fresh once per request).
/// </summary>
public sealed class OrganizationFeatures(PackRegistry packs, CatalogDbContext catalog, TenantContext tenant)
{
    public async Task<IReadOnlyList<EffectiveFlag>> ForAsync(Guid organizationId, string packId, CancellationToken cancellationToken)
    {
        var definitions = packs.Find(packId)?.Pack.FeatureFlags ?? [];
        var overrides = tenant.Caller is { FlagOverrides: { } known } caller && caller.OrganizationId == organizationId
            ? known
            : await catalog.FeatureFlagOverrides.AsNoTracking()
                .Where(o => o.OrganizationId == organizationId)
                .ToDictionaryAsync(o => o.FlagKey, o => o.Enabled, cancellationToken);
        return definitions
            .Select(flag => overrides.TryGetValue(flag.Key, out var enabled)
                ? new EffectiveFlag(flag, enabled, Overridden: true)
                : new EffectiveFlag(flag, flag.EnabledByDefault, Overridden: false))
            .ToList();
    }
}
