namespace MarketEdge.Portal.Tenancy;

/// <summary>What tenant resolution found for the current request (one per request scope).</summary>
public sealed class TenantContext
{
    public TenantResolution Resolution { get; private set; } = TenantResolution.Platform;

    /// <summary>The identifier the request asked for, even when no organization answers to it.</summary>
    public string? Identifier { get; private set; }

    /// <summary>The organization the request is for; set only when it is active.</summary>
    public TenantInfo? Organization { get; private set; }

    /// <summary>Whether the organization came from the host (its subdomain) rather than from the /o/{slug} route.</summary>
    public bool ResolvedByHost { get; private set; }

    /// <summary>The request named an organization that cannot be entered (unknown, provisioning, closed).</summary>
    public bool IsRefused => Resolution is TenantResolution.NotFound or TenantResolution.Provisioning or TenantResolution.Unavailable;

    /// <summary>The signed-in caller's facts here, once <see cref="Identity.MemberRoles"/> has read them (once per request).</summary>
    public Identity.CallerFacts? Caller { get; private set; }

    public void SetCaller(Identity.CallerFacts caller) => Caller = caller;

    public TenantInfo RequiredOrganization => Organization
        ?? throw new InvalidOperationException("This request is not for an active organization.");

    public void Set(TenantResolution resolution, string? identifier, TenantInfo? organization, bool resolvedByHost = false)
    {
        Resolution = resolution;
        ResolvedByHost = resolvedByHost;
        Identifier = identifier;
        Organization = resolution == TenantResolution.Active ? organization : null;
    }
}

public enum TenantResolution
{
    /// <summary>No organization asked for: the platform area.</summary>
    Platform,
    Active,
    NotFound,
    Provisioning,
    /// <summary>Suspended, archived or failed: members may not enter.</summary>
    Unavailable,
}
