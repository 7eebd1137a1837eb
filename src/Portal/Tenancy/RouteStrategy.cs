namespace MarketEdge.Portal.Tenancy;

/// <summary>
/// Reads the organization from the path: <c>/o/{slug}/...</c>. Once the organization is known,
/// <see cref="Rebase"/> moves the prefix into PathBase, so pages see their own paths and every
/// link generated inside the organization keeps the prefix.
/// </summary>
public sealed class RouteStrategy : ITenantStrategy
{
    private static readonly PathString Prefix = "/o";

    public Task<string?> GetIdentifierAsync(HttpContext context) =>
        Task.FromResult(Identify(context.Request.Path));

    public static void Rebase(HttpRequest request, string identifier)
    {
        var organizationBase = Prefix.Add("/" + identifier);
        if (request.Path.StartsWithSegments(organizationBase, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            request.PathBase = request.PathBase.Add(organizationBase);
            request.Path = rest.HasValue ? rest : "/";
        }
    }

    private static string? Identify(PathString path)
    {
        if (!path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase, out var rest) || !rest.HasValue)
        {
            return null;
        }

        var identifier = rest.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return string.IsNullOrEmpty(identifier) ? null : identifier.ToLowerInvariant();
    }
}
