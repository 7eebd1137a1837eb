using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MarketEdge.Portal.Web;

/// <summary>
/// A page that answers anywhere, reached under an organization's route or host by someone signed in who is
/// not its member, is refused rather than shown in that organization's name and colours — unless the page
/// exists to let people in (<see cref="AnswersAnywhereAttribute.OpenToNonMembers"/>).
/// </summary>
public sealed class OrganizationContextFilter(TenantContext tenant, MemberRoles roles) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var anywhere = context.ActionDescriptor.EndpointMetadata.OfType<AnswersAnywhereAttribute>().FirstOrDefault();
        if (anywhere is { OpenToNonMembers: false } && tenant.Organization is not null
            && context.HttpContext.User.Identity?.IsAuthenticated == true
            && await roles.RoleAsync(context.HttpContext.RequestAborted) is null)
        {
            context.Result = new ForbidResult();
            return;
        }

        await next();
    }
}
