namespace MarketEdge.Portal.Identity;

/// <summary>Platform roles, kept apart from organization memberships.</summary>
public static class PortalRoles
{
    public const string SuperAdmin = "SuperAdmin";
}
