namespace MarketEdge.Portal.Identity.TwoFactor;

/// <summary>
/// A session that still owes its two-factor enrolment (<see cref="TwoFactorClaims.MustEnrol"/>) opens only the
/// enrolment page and signing out: any other page leads there, and anything else is refused with 403.
/// </summary>
public sealed class EnrolmentGate(RequestDelegate next)
{
    public const string EnrolmentPath = "/account/two-factor";
    private static readonly PathString[] Open = [EnrolmentPath, "/account/logout", "/errors", "/health"];

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(c => c.Type == TwoFactorClaims.MustEnrol)
            || Open.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Headers.ContainsKey("HX-Request"))
        {
            // On the host the session was made for, outside any organization's route: one's own account is not an organization's page.
            context.Response.Redirect(EnrolmentPath);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Task.CompletedTask;
    }
}
