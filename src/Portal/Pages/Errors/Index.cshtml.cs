using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Pages.Errors;

/// <summary>The one friendly page for every error status: says what happened, never how (no stack traces, no SQL).</summary>
[AnswersAnywhere("Errors are explained wherever they happen.", OpenToNonMembers = true)]
[Identity.Support.DuringSupportAccess(open: true)]
public sealed class IndexModel(TenantContext tenant, IOptions<TenancyOptions> tenancy) : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public string HomeUrl { get; private set; } = "/";

    public void OnGet()
    {
        // Read from the route, not model-bound: the failed request's own form, re-executed as this page, may hold a
        // "code" field, or be unreadable (then no binding works at all), and the page would say 404 for every error.
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), out var status) ? status : 404;
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
        // An organization that cannot be entered has no home of its own to go back to: offer the platform's.
        HomeUrl = tenant.IsRefused ? PlatformAddress.HomeUrl(Request, tenancy.Value) : Url.Content("~/");
        (Title, Message) = (Code, tenant.Resolution) switch
        {
            (404, TenantResolution.NotFound) when OrganizationSlug.IsWellFormed(tenant.Identifier) => ("Organization not found",
                $"There is no organization called “{tenant.Identifier}” here. Check the address."),
            // Anything else in the address is never repeated: a crafted link must not make the portal say what it likes.
            (404, TenantResolution.NotFound) => ("Organization not found", "There is no organization at this address. Check the address."),
            (403, TenantResolution.Unavailable) => ("Organization unavailable",
                $"The organization “{tenant.Identifier}” is not open at the moment. Contact your administrator."),
            (503, TenantResolution.Provisioning) => ("Still being set up",
                $"The organization “{tenant.Identifier}” is being set up. Try again in a minute."),
            (400, _) => ("Request refused", "The request could not be accepted. Reload the page and try again."),
            (403, _) when Identity.Support.SupportAccessGate.Refused(HttpContext) => ("Not during support access",
                "While you view the portal as someone, only their organization opens, and their own sign-in, sessions and two-factor stay closed. Stop viewing as them first."),
            (403, _) => ("Not allowed", "You do not have access to this page."),
            (404, _) => ("Page not found", "There is nothing at this address."),
            (429, _) => ("Too many requests", "Slow down a little and try again in a minute."),
            _ => ("Something went wrong", "We could not complete the request. It has been logged; please try again."),
        };
        if (Code == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "30";
        }
    }
}
