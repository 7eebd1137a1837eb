using Microsoft.IdentityModel.Protocols;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MarketEdge.Portal.Identity.Sso;

/// <summary>
/// OpenID Connect sign-in on ASP.NET Core's OAuth handler: endpoints and keys from the discovery
/// document, authorization code with PKCE (S256), state (the OAuth handler's protected properties),
/// a nonce, and the id_token checked by <see cref="IdTokenCheck"/>. Only a verified email address is accepted.
/// The platform's scheme talks to the provider in settings; <see cref="OidcOptions.OrganizationScheme"/> to the
/// provider of the organization the request is for (<see cref="SsoProviders"/>), and marks the ticket with it.
/// </summary>
public sealed class OidcHandler(IOptionsMonitor<OidcOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : OAuthHandler<OidcOptions>(options, logger, encoder)
{
    private const string NonceKey = "oidc.nonce";
    private OpenIdConnectConfiguration? _provider;
    private SsoProvider? _sso;

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (await SsoAsync() is null)
        {
            SsoErrors.Remember(Context, "This organization has no single sign-on. Sign in with your password.");
            Response.Redirect(Request.PathBase + "/account/login");
            return;
        }

        try
        {
            _provider = await ProviderAsync();
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            Logger.LogError(failure, "Single sign-on provider {Authority} is unavailable", _sso!.Authority);
            SsoErrors.Remember(Context, "Single sign-on is not available right now (the provider could not be reached). Sign in with your password instead.");
            Response.Redirect(Request.PathBase + "/account/login");
            return;
        }

        await base.HandleChallengeAsync(properties);
    }

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri)
    {
        var verifier = RandomToken();
        var nonce = RandomToken();
        properties.Items[OAuthConstants.CodeVerifierKey] = verifier;
        properties.Items[NonceKey] = nonce;
        return QueryHelpers.AddQueryString(_provider!.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["client_id"] = _sso!.ClientId,
            ["login_hint"] = properties.Items.TryGetValue(LoginHintKey, out var hint) ? hint : null,
            ["response_type"] = "code",
            ["scope"] = string.Join(' ', Options.Scope),
            ["redirect_uri"] = redirectUri,
            ["code_challenge"] = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
            ["nonce"] = nonce,
            ["state"] = Options.StateDataFormat.Protect(properties),
        });
    }

    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        var provider = await ProviderAsync();
        var sso = _sso!;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = context.Code,
            ["redirect_uri"] = context.RedirectUri,
            ["client_id"] = sso.ClientId,
            ["client_secret"] = sso.ClientSecret,
            ["code_verifier"] = context.Properties.Items[OAuthConstants.CodeVerifierKey] ?? "",
        };
        using var response = await Backchannel.PostAsync(provider.TokenEndpoint, new FormUrlEncodedContent(form), Context.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            var error = TryRead(body, "error_description") ?? TryRead(body, "error") ?? $"HTTP {(int)response.StatusCode}";
            return OAuthTokenResponse.Failed(new AuthenticationFailureException($"The provider refused to complete the sign-in: {error}."));
        }

        return OAuthTokenResponse.Success(JsonDocument.Parse(body));
    }

    protected override async Task<AuthenticationTicket> CreateTicketAsync(ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        var idToken = TryRead(tokens.Response!.RootElement.GetRawText(), "id_token")
            ?? throw new AuthenticationFailureException("The provider sent no id_token.");
        var nonce = properties.Items[NonceKey] ?? "";
        var provider = await ProviderAsync();
        var sso = _sso!;
        var checkedToken = await IdTokenCheck.ValidateAsync(idToken, provider, sso.ClientId, nonce);
        if (checkedToken.UnknownKey)
        {
            // The provider may have rotated its keys since we read them: read them again, once, now.
            sso.Configuration.RequestRefresh();
            var fresh = await OpenIdConnectConfigurationRetriever.GetAsync(
                $"{sso.Authority.TrimEnd('/')}/.well-known/openid-configuration",
                new HttpDocumentRetriever(Backchannel) { RequireHttps = sso.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase) },
                Context.RequestAborted);
            checkedToken = await IdTokenCheck.ValidateAsync(idToken, fresh, sso.ClientId, nonce);
        }

        if (checkedToken.Problem is not null)
        {
            throw new AuthenticationFailureException($"Single sign-on refused: {checkedToken.Problem}.");
        }

        var claims = checkedToken.Identity!;
        if (claims.FindFirst("email") is null)
        {
            claims = await UserInfoAsync(claims, tokens.AccessToken);
        }

        var email = claims.FindFirst("email")?.Value;
        if (string.IsNullOrEmpty(email) || !string.Equals(claims.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new AuthenticationFailureException("Single sign-on refused: the provider does not confirm a verified email address.");
        }

        // The account is known by the provider's issuer and subject; the email only helps find an account to link.
        identity.AddClaim(new Claim(SsoClaims.Issuer, claims.FindFirst("iss")?.Value ?? throw new AuthenticationFailureException("The token names no issuer.")));
        identity.AddClaim(new Claim(SsoClaims.Subject, claims.FindFirst("sub")?.Value ?? throw new AuthenticationFailureException("The token names no subject.")));
        identity.AddClaim(new Claim(ClaimTypes.Email, email));
        identity.AddClaim(new Claim(ClaimTypes.Name, claims.FindFirst("name")?.Value ?? email));
        if (sso.OrganizationId is { } organizationId)
        {
            identity.AddClaim(new Claim(SsoClaims.Organization, organizationId.ToString()));
        }
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme.Name);
    }

    /// <summary>Providers may leave email out of the id_token: ask the userinfo endpoint, which must speak of the same subject.</summary>
    private async Task<ClaimsIdentity> UserInfoAsync(ClaimsIdentity idTokenClaims, string? accessToken)
    {
        var provider = await ProviderAsync();
        if (string.IsNullOrEmpty(provider.UserInfoEndpoint) || string.IsNullOrEmpty(accessToken))
        {
            return idTokenClaims;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, provider.UserInfoEndpoint);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            throw new AuthenticationFailureException($"The provider's userinfo endpoint answered HTTP {(int)response.StatusCode}.");
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Context.RequestAborted));
        var info = document.RootElement;
        if (!info.TryGetProperty("sub", out var subject) || subject.GetString() != idTokenClaims.FindFirst("sub")?.Value)
        {
            throw new AuthenticationFailureException("Single sign-on refused: the userinfo answer is about another subject.");
        }

        var merged = new ClaimsIdentity(idTokenClaims.Claims, idTokenClaims.AuthenticationType);
        foreach (var name in new[] { "email", "email_verified", "name" })
        {
            if (info.TryGetProperty(name, out var value) && merged.FindFirst(name) is null)
            {
                merged.AddClaim(new Claim(name, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()));
            }
        }

        return merged;
    }

    /// <summary>The properties item a challenge may carry to tell the provider who is signing in (home-realm discovery).</summary>
    public const string LoginHintKey = "oidc.login_hint";

    private async Task<OpenIdConnectConfiguration> ProviderAsync()
    {
        var sso = await SsoAsync() ?? throw new AuthenticationFailureException("This organization has no single sign-on.");
        var configuration = await sso.Configuration.GetConfigurationAsync(Context.RequestAborted);
        if (sso.OrganizationId is not null && Context.RequestServices.GetRequiredService<SsoProviders>().Problem(configuration, sso.Authority) is { } problem)
        {
            throw new AuthenticationFailureException($"Single sign-on refused: {problem}");
        }

        return configuration;
    }

    /// <summary>The provider for this request: the platform's, or the organization's (null when it has none).</summary>
    private async Task<SsoProvider?> SsoAsync()
    {
        if (_sso is not null || Scheme.Name != OidcOptions.OrganizationScheme)
        {
            return _sso ??= new SsoProvider(Options.Authority!, Options.ClientId, Options.ClientSecret, Options.ConfigurationManager!, null);
        }

        var tenant = Context.RequestServices.GetRequiredService<Tenancy.TenantContext>();
        return tenant.Organization is { } organization
            ? _sso = await Context.RequestServices.GetRequiredService<SsoProviders>().ForOrganizationAsync(
                Context.RequestServices.GetRequiredService<Catalog.CatalogDbContext>(), organization.Id, Context.RequestAborted)
            : null;
    }

    private static string RandomToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string? TryRead(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty(property, out var value) ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
