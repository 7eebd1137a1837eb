using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Mvc;

namespace MarketEdge.Portal.Setup;

/// <summary>
/// Running behind a TLS proxy. Forwarded headers are believed only from Portal:KnownProxies (none by
/// default). Only the root domain and its subdomains are served. When Portal:PublicBaseUrl is https:
/// HSTS, a redirect of plain http to https, and cookies that are Secure and carry the __Host- prefix.
/// </summary>
public static class ProxySetup
{
    public const string AuthCookie = "MarketEdge.Auth";

    public static void AddProxySupport(this WebApplicationBuilder builder)
    {
        var rootDomain = (builder.Configuration["Tenancy:RootDomain"] is { Length: > 0 } configured ? configured : "localhost").TrimEnd('.');
        string[] hosts = [rootDomain, $"*.{rootDomain}"];
        builder.Services.PostConfigure<HostFilteringOptions>(options =>
        {
            options.AllowedHosts = hosts;
            options.AllowEmptyHosts = false;
        });

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in KnownProxies(builder.Configuration))
            {
                if (proxy.Contains('/'))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            }

            options.AllowedHosts = hosts;
            options.ForwardLimit = 1;
        });

        if (!IsHttps(builder.Configuration))
        {
            return;
        }

        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });
        builder.Services.AddHttpsRedirection(redirect =>
        {
            redirect.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            redirect.HttpsPort = new Uri(builder.Configuration["Portal:PublicBaseUrl"]!).Port;
        });
        builder.Services.Configure<CookiePolicyOptions>(policy => policy.Secure = CookieSecurePolicy.Always);
        builder.Services.ConfigureApplicationCookie(cookie => cookie.Cookie.Name = "__Host-" + AuthCookie);
        builder.Services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ExternalScheme,
            cookie => cookie.Cookie.Name = "__Host-MarketEdge.External");
        builder.Services.Configure<AntiforgeryOptions>(antiforgery => antiforgery.Cookie.Name = "__Host-MarketEdge.Antiforgery");
        builder.Services.Configure<CookieTempDataProviderOptions>(tempData => tempData.Cookie.Name = "__Host-MarketEdge.TempData");
    }

    /// <summary>Before anything else: the client's real address, scheme and host, then only known hosts; on https, HSTS and the redirect.</summary>
    public static void UseProxySupport(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (IsHttps(app.Configuration))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
            app.UseCookiePolicy();
        }
    }

    /// <summary>
    /// In Production, a public address that is plain http (other than localhost) would send sessions in the
    /// clear; outside Development, a single sign-on provider reached over plain http could be impersonated:
    /// refuse to start, with one line saying which.
    /// </summary>
    public static void RefuseInsecureSettings(this WebApplication app)
    {
        var authority = app.Configuration["Authentication:Oidc:Authority"];
        if (!app.Environment.IsDevelopment() && authority is { Length: > 0 }
            && Uri.TryCreate(authority, UriKind.Absolute, out var provider) && provider.Scheme != Uri.UriSchemeHttps)
        {
            throw new PortalStartupException(
                $"Authentication:Oidc:Authority is {authority}: a single sign-on provider must be reached over https (plain http only in Development).");
        }

        var url = app.Configuration["Portal:PublicBaseUrl"] is { Length: > 0 } configured ? configured : PortalOptions.DefaultPublicBaseUrl;
        var rootDomain = app.Configuration["Tenancy:RootDomain"] is { Length: > 0 } root ? root : "localhost";
        if (app.Environment.IsProduction() && Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme == Uri.UriSchemeHttp
            && (!IsLocal(address.Host) || !IsLocal(rootDomain)))
        {
            throw new PortalStartupException(
                $"Portal:PublicBaseUrl is {url} and Tenancy:RootDomain is {rootDomain}: in Production a portal served beyond localhost must be reached over https. Set an https Portal:PublicBaseUrl, behind a TLS proxy listed in Portal:KnownProxies.");
        }
    }

    private static bool IsLocal(string host) => host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsHttps(IConfiguration configuration) =>
        Uri.TryCreate(configuration["Portal:PublicBaseUrl"], UriKind.Absolute, out var address) && address.Scheme == Uri.UriSchemeHttps;

    private static IEnumerable<string> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection("Portal:KnownProxies");
        var listed = section.Get<string[]>() ?? [];
        var single = section.Value?.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return listed.Concat(single).Select(p => p.Trim()).Where(p => p.Length > 0);
    }
}
