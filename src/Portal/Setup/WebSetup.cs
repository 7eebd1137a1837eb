using MarketEdge.Portal.Identity;
using Microsoft.AspNetCore.Diagnostics;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;

namespace MarketEdge.Portal.Setup;

public static class WebSetup
{
    /// <summary>Razor Pages with the folder conventions: who may open what, and where it answers; proxy and TLS support.</summary>
    public static void AddPortalWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrganizationContextFilter>();
        builder.AddProxySupport();
        builder.Services.Configure<RouteOptions>(routes => routes.LowercaseUrls = true);
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(OrganizationContextFilter)));
            var conventions = options.Conventions;
            conventions.AuthorizeFolder("/Admin", AuthorizationPolicies.SuperAdmin);
            conventions.AddFolderApplicationModelConvention("/Admin", page => page.EndpointMetadata.Add(new PlatformScopedAttribute()));
            conventions.AddPageApplicationModelConvention("/Index", page => page.EndpointMetadata.Add(new PlatformScopedAttribute()));
            conventions.AddPageApplicationModelConvention("/Setup", page => page.EndpointMetadata.Add(new PlatformScopedAttribute()));

            conventions.AuthorizeFolder(OrganizationPagesConvention.Folder, AuthorizationPolicies.OrganizationMember);
            conventions.AddFolderApplicationModelConvention(OrganizationPagesConvention.Folder,
                page => page.EndpointMetadata.Add(new OrganizationScopedAttribute()));
            conventions.AddFolderRouteModelConvention(OrganizationPagesConvention.Folder, OrganizationPagesConvention.DropFolderFromRoutes);
            // How an organization's members sign in is not changed by someone viewing as one of them.
            conventions.AddFolderApplicationModelConvention(OrganizationPagesConvention.Folder + "/Settings",
                page => page.EndpointMetadata.Add(new Identity.Support.DuringSupportAccessAttribute(open: false)));
        });
    }

    /// <summary>The request pipeline: proxy headers and TLS, errors, headers, static files, tenant, setup gate, sign-in, pages.</summary>
    public static void UsePortalPipeline(this WebApplication app)
    {
        app.UseProxySupport();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/errors/500");
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/errors/{0}");
        app.Use(ErrorPagesAnswerAsGet);
        app.UseStaticFiles();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseMiddleware<SetupRedirectMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<Identity.TwoFactor.EnrolmentGate>();
        app.UseMiddleware<Identity.Support.SupportAccessGate>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapHealthChecks("/health").WithMetadata(new AnswersAnywhereAttribute("Load balancers probe it on any host."));
        app.MapRazorPages();
    }

    /// <summary>A failed POST is re-executed to show its error page: render that page as a plain GET.</summary>
    private static Task ErrorPagesAnswerAsGet(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            context.Request.Method = HttpMethods.Get;
        }

        return next(context);
    }
}
