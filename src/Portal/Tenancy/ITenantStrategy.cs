namespace MarketEdge.Portal.Tenancy;

/// <summary>One way of telling which organization a request is for.</summary>
public interface ITenantStrategy
{
    /// <summary>The organization identifier the request carries, or null when this strategy finds none.</summary>
    Task<string?> GetIdentifierAsync(HttpContext context);
}
