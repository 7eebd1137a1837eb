using MarketEdge.Portal.Identity.Sso;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Web;

/// <summary>Headers every response carries: no inline script, no framing, no MIME sniffing, a strict referrer.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptionsMonitor<OidcOptions> oidc)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'";

    /// <summary>With single sign-on, the sign-in form's redirect to the provider must be allowed too.</summary>
    private readonly string _policy = oidc.Get(OidcOptions.Scheme) is { IsConfigured: true, Authority: { } authority }
        ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {new Uri(authority).GetLeftPart(UriPartial.Authority)}")
        : ContentSecurityPolicy;

    private const string FormTargetKey = "MarketEdge.FormActionTo";

    /// <summary>This response's forms may also lead to <paramref name="address"/>'s origin (an organization's own provider).</summary>
    public static void AllowFormActionTo(HttpContext context, string address) =>
        context.Items[FormTargetKey] = new Uri(address).GetLeftPart(UriPartial.Authority);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items[FormTargetKey] is string origin
                ? _policy.Replace("form-action 'self'", $"form-action 'self' {origin}")
                : _policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
