using MarketEdge.Portal.Identity.Sso;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MarketEdge.Portal.Setup;

public static class SsoSetup
{
    /// <summary>
    /// OpenID Connect single sign-on when Authentication:Oidc:Authority and ClientId are set. The provider
    /// is only contacted on first use, so a provider that is down never stops the portal or password sign-in.
    /// </summary>
    public static void AddSingleSignOn(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SsoProviders>();
        builder.Services.AddScoped<OrganizationSsoSettings>();
        builder.Services.AddScoped<HomeRealm>();
        builder.Services.AddAuthentication().AddOAuth<OidcOptions, OidcHandler>(OidcOptions.OrganizationScheme, options =>
        {
            Common(options, "/signin-org-oidc");
            // Required by the OAuth handler's options check; each sign-in uses its organization's provider instead.
            options.ClientId = options.ClientSecret = "per-organization";
            options.BackchannelHttpHandler = ProviderHttp.Handler(allowLoopback: builder.Environment.IsDevelopment());
            options.AuthorizationEndpoint = options.TokenEndpoint = "https://per-organization.invalid/";
        });

        var section = builder.Configuration.GetSection("Authentication:Oidc");
        var authority = section["Authority"];
        if (string.IsNullOrWhiteSpace(authority) || string.IsNullOrWhiteSpace(section["ClientId"]))
        {
            return;
        }

        builder.Services.AddAuthentication().AddOAuth<OidcOptions, OidcHandler>(OidcOptions.Scheme, options =>
        {
            section.Bind(options);
            Common(options, "/signin-oidc");
            // Required by the OAuth handler's options check; the handler uses the discovery document's endpoints instead.
            options.AuthorizationEndpoint = options.TokenEndpoint = $"{authority.TrimEnd('/')}/.well-known/openid-configuration";
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                $"{authority.TrimEnd('/')}/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = !builder.Environment.IsDevelopment() });
        });
    }

    private static void Common(OidcOptions options, string callbackPath)
    {
        options.CallbackPath = callbackPath;
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.Scope.Clear();
        foreach (var scope in new[] { "openid", "email", "profile" })
        {
            options.Scope.Add(scope);
        }

        options.Events.OnRemoteFailure = context =>
        {
            // Only the portal's own refusals are shown: any other failure's text may name a host or echo an answer.
            SsoErrors.Remember(context.HttpContext, context.Failure is AuthenticationFailureException { Message: var message }
                ? message
                : "Single sign-on failed: the provider could not be reached or answered in a way the portal cannot use. Try again, or sign in with your password.");
            context.Response.Redirect(context.Request.PathBase + "/account/login");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }
}
