using MarketEdge.Portal.Identity.Sso;
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
        var section = builder.Configuration.GetSection("Authentication:Oidc");
        var authority = section["Authority"];
        if (string.IsNullOrWhiteSpace(authority) || string.IsNullOrWhiteSpace(section["ClientId"]))
        {
            return;
        }

        builder.Services.AddAuthentication().AddOAuth<OidcOptions, OidcHandler>(OidcOptions.Scheme, options =>
        {
            section.Bind(options);
            options.CallbackPath = "/signin-oidc";
            options.SignInScheme = IdentityConstants.ExternalScheme;
            // Required by the OAuth handler's options check; the handler uses the discovery document's endpoints instead.
            options.AuthorizationEndpoint = options.TokenEndpoint = $"{authority.TrimEnd('/')}/.well-known/openid-configuration";
            options.Scope.Clear();
            foreach (var scope in new[] { "openid", "email", "profile" })
            {
                options.Scope.Add(scope);
            }

            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                $"{authority.TrimEnd('/')}/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = !builder.Environment.IsDevelopment() });
            options.Events.OnRemoteFailure = context =>
            {
                SsoErrors.Remember(context.HttpContext, context.Failure?.Message ?? "Single sign-on failed.");
                context.Response.Redirect(context.Request.PathBase + "/account/login");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }
}
