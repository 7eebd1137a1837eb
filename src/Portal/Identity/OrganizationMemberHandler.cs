using Microsoft.AspNetCore.Authorization;

namespace MarketEdge.Portal.Identity;

public sealed class OrganizationMemberRequirement : IAuthorizationRequirement;

/// <summary>Passes super admins and active members of the organization this request resolved to, while it is Active in the catalog.</summary>
public sealed class OrganizationMemberHandler(MemberRoles roles) : AuthorizationHandler<OrganizationMemberRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OrganizationMemberRequirement requirement)
    {
        if (await roles.RoleAsync(CancellationToken.None) is not null)
        {
            context.Succeed(requirement);
        }
    }
}
