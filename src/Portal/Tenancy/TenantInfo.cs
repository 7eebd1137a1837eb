using MarketEdge.Portal.Catalog;

namespace MarketEdge.Portal.Tenancy;

/// <summary>What a request needs to know about the organization it is for.</summary>
public sealed record TenantInfo(Guid Id, string Slug, string Name, OrganizationStatus Status, string PackId, string DatabaseServer)
{
    /// <summary>Derived from the id, never from anything a person typed.</summary>
    public string DatabaseName => $"org_{Id:N}";

    public static TenantInfo From(Organization organization) =>
        new(organization.Id, organization.Slug, organization.Name, organization.Status, organization.PackId, organization.DatabaseServer);
}
