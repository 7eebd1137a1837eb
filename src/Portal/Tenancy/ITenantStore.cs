namespace MarketEdge.Portal.Tenancy;

/// <summary>Looks organizations up by their identifier (slug).</summary>
public interface ITenantStore
{
    Task<TenantInfo?> FindAsync(string identifier, CancellationToken cancellationToken);
}
