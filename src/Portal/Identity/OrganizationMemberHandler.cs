using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

public sealed class OrganizationMemberRequirement : IAuthorizationRequirement;

/// <summary>Passes super admins, and people with an active membership in the organization this request resolved to.</summary>
public sealed class OrganizationMemberHandler(TenantContext tenant, CatalogDbContext catalog)
    : AuthorizationHandler<OrganizationMemberRequirement>
{
    protected override async Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OrganizationMemberRequirement requirement)
    {
        if (context.User.IsInRole(PortalRoles.SuperAdmin))
        {
            context.Succeed(requirement);
            return;
        }

        if (tenant.Organization is not { } organization
            || context.User.UserId() is not { } userId)
        {
            return;
        }

        var isActiveMember = await catalog.Memberships.AnyAsync(m =>
            m.OrganizationId == organization.Id && m.UserId == userId && m.Status == MembershipStatus.Active);
        if (isActiveMember)
        {
            context.Succeed(requirement);
        }
    }
}
