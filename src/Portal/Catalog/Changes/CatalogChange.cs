namespace MarketEdge.Portal.Catalog.Changes;

/// <summary>
/// A change to the catalog that cached facts depend on, as the catalog's triggers announce it on
/// <see cref="Channel"/> (payload "organization {id} {old slug} {new slug}" or "person {user id}"),
/// and as this process notes it itself when it saves.
/// </summary>
public abstract record CatalogChange
{
    public const string Channel = "marketedge_catalog";

    /// <summary>An organization was added, changed (name, slug, status…) or removed; under both its old and new slug.</summary>
    public sealed record Organization(Guid Id, IReadOnlyCollection<string> Slugs) : CatalogChange;

    /// <summary>A person's memberships or platform roles changed.</summary>
    public sealed record Person(Guid UserId) : CatalogChange;

    public static CatalogChange? Parse(string payload)
    {
        var parts = payload.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["organization", var id, .. var slugs] when Guid.TryParse(id, out var organizationId) => new Organization(organizationId, slugs),
            ["person", var id] when Guid.TryParse(id, out var userId) => new Person(userId),
            _ => null,
        };
    }
}
