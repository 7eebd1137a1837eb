using MarketEdge.Portal.Catalog;

namespace MarketEdge.Portal.Identity;

/// <summary>Until a super admin exists, every page leads to /setup (health checks and error pages excepted).</summary>
public sealed class SetupRedirectMiddleware(RequestDelegate next, SetupState setup)
{
    private static readonly PathString[] AlwaysAllowed = ["/setup", "/health", "/errors"];

    public async Task InvokeAsync(HttpContext context, CatalogDbContext catalog)
    {
        var allowed = AlwaysAllowed.Any(path => context.Request.Path.StartsWithSegments(path));
        if (!allowed && !await setup.IsCompleteAsync(catalog, context.RequestAborted))
        {
            context.Response.Redirect("/setup");
            return;
        }

        await next(context);
    }
}
