using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MarketEdge.Portal.Identity.Sso;

/// <summary>Settings under "Authentication:Oidc"; single sign-on is offered only when Authority and ClientId are set.</summary>
public sealed class OidcOptions : OAuthOptions
{
    public const string Scheme = "oidc";

    /// <summary>The scheme of organizations' own providers (the provider of the organization the request is for).</summary>
    public const string OrganizationScheme = "org-oidc";

    /// <summary>The provider's issuer URL; its /.well-known/openid-configuration is read on first use.</summary>
    public string? Authority { get; set; }

    /// <summary>Shown on the button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "SSO";

    /// <summary>Discovery document and signing keys, fetched lazily and refreshed by Microsoft.IdentityModel.</summary>
    public IConfigurationManager<OpenIdConnectConfiguration>? ConfigurationManager { get; set; }

    /// <summary>Whether super admins may sign in by single sign-on (Authentication:Oidc:AllowSuperAdmins); off by default.</summary>
    public bool AllowSuperAdmins { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
