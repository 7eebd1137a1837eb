using System.Collections.Concurrent;
using System.Security.Cryptography;
using MarketEdge.Portal.Catalog;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MarketEdge.Portal.Identity.Sso;

/// <summary>The provider one sign-in talks to: the platform's (from settings) or an organization's own.</summary>
public sealed record SsoProvider(
    string Authority, string ClientId, string ClientSecret, IConfigurationManager<OpenIdConnectConfiguration> Configuration, Guid? OrganizationId);

/// <summary>What "Test connection" found: the issuer and endpoints with the number of signing keys, or why it failed.</summary>
public sealed record ProviderCheck(bool Succeeded, string Message);

/// <summary>
/// Organizations' own OpenID Connect providers: their client secrets encrypted with data protection, their discovery
/// documents and keys fetched on first use and refreshed by Microsoft.IdentityModel (one manager per authority).
/// Plain http is accepted only in Development (the end-to-end tests' loopback providers).
/// </summary>
public sealed class SsoProviders(IDataProtectionProvider protection, IHostEnvironment environment, ILogger<SsoProviders> logger)
{
    private readonly IDataProtector _secrets = protection.CreateProtector("MarketEdge.OrganizationSso.ClientSecret");
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _configurations = new(StringComparer.Ordinal);
    private readonly HttpClient _http = ProviderHttp.Client(allowLoopback: environment.IsDevelopment());

    public bool AllowsPlainHttp => environment.IsDevelopment();

    public string Protect(string secret) => _secrets.Protect(secret);

    /// <summary>The organization's provider, or null when it has none (or its secret can no longer be read).</summary>
    public async Task<SsoProvider?> ForOrganizationAsync(CatalogDbContext catalog, Guid organizationId, CancellationToken cancellationToken)
    {
        var settings = await catalog.SsoSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (settings is null)
        {
            return null;
        }

        try
        {
            var secret = _secrets.Unprotect(settings.ProtectedClientSecret);
            return new SsoProvider(settings.Authority, settings.ClientId, secret, ConfigurationFor(settings.Authority), organizationId);
        }
        catch (CryptographicException failure)
        {
            logger.LogError(failure, "The single sign-on client secret of organization {OrganizationId} cannot be decrypted; its admins must enter it again", organizationId);
            return null;
        }
    }

    public IConfigurationManager<OpenIdConnectConfiguration> ConfigurationFor(string authority) =>
        _configurations.GetOrAdd(authority, key => NewManager(key));

    /// <summary>Fetches the discovery document and keys afresh (nothing cached), as "Test connection" shows it.</summary>
    public async Task<ProviderCheck> CheckAsync(string authority, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var configuration = await NewManager(authority).GetConfigurationAsync(timeout.Token);
            var keys = configuration.SigningKeys.Count;
            if (keys == 0)
            {
                return new ProviderCheck(false, "The provider answered but publishes no signing keys: its tokens could not be checked.");
            }

            if (Problem(configuration, authority) is { } problem)
            {
                return new ProviderCheck(false, problem);
            }

            return new ProviderCheck(true, $"Connected: issuer {configuration.Issuer}, {keys} signing {(keys == 1 ? "key" : "keys")}, sign-in at {configuration.AuthorizationEndpoint}.");
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation(failure, "Single sign-on test of {Authority} failed", authority);
            return new ProviderCheck(false, $"Could not read {authority}/.well-known/openid-configuration and its keys: check the address, and that the provider is reachable from the portal.");
        }
    }

    /// <summary>
    /// Why a discovered provider may not be used for <paramref name="authority"/>: it must call itself by exactly that
    /// address (so no provider can speak for another's issuer) and use https for every endpoint (outside Development).
    /// </summary>
    public string? Problem(OpenIdConnectConfiguration configuration, string authority)
    {
        if (!string.Equals(configuration.Issuer?.TrimEnd('/'), authority.TrimEnd('/'), StringComparison.Ordinal))
        {
            return $"The provider calls itself {configuration.Issuer}, not {authority}: enter its issuer exactly.";
        }

        var endpoints = new[] { configuration.AuthorizationEndpoint, configuration.TokenEndpoint, configuration.UserInfoEndpoint, configuration.JwksUri }
            .Where(e => !string.IsNullOrEmpty(e));
        return AllowsPlainHttp || endpoints.All(e => e.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            ? null
            : "The provider names an endpoint that is not https: its tokens would travel in clear.";
    }

    private ConfigurationManager<OpenIdConnectConfiguration> NewManager(string authority) =>
        new($"{authority.TrimEnd('/')}/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(_http) { RequireHttps = !AllowsPlainHttp });
}
