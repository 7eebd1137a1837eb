namespace MarketEdge.Portal.Identity;

public static class AuthorizationPolicies
{
    public const string SuperAdmin = nameof(SuperAdmin);

    /// <summary>An active member of the resolved organization, or a super admin.</summary>
    public const string OrganizationMember = nameof(OrganizationMember);
}
