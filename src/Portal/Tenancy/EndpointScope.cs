namespace MarketEdge.Portal.Tenancy;

/// <summary>Endpoint metadata: the page answers only inside an organization, to its members (and super admins).</summary>
public sealed class OrganizationScopedAttribute : Attribute;

/// <summary>Endpoint metadata: the page answers only on the platform (no organization resolved).</summary>
public sealed class PlatformScopedAttribute : Attribute;

/// <summary>
/// Endpoint metadata: the endpoint answers on the platform and inside organizations alike, for the
/// <see cref="Reason"/> given. Inside an organization, a signed-in person who is not its member is refused
/// (403) unless <see cref="OpenToNonMembers"/>: pages that exist to let someone in (sign-in, an invitation).
/// Every endpoint carries exactly one of the three scopes; a test fails for any endpoint that has none.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AnswersAnywhereAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;

    public bool OpenToNonMembers { get; init; }
}

/// <summary>The scope an endpoint declared, if any.</summary>
public enum EndpointScope
{
    Unclassified,
    Organization,
    Platform,
    Anywhere,
}

public static class EndpointScopes
{
    /// <summary>The one scope <paramref name="endpoint"/> declares; <see cref="EndpointScope.Unclassified"/> when it declares none or several.</summary>
    public static EndpointScope Of(Endpoint endpoint)
    {
        var declared = new List<EndpointScope>();
        if (endpoint.Metadata.GetMetadata<OrganizationScopedAttribute>() is not null)
        {
            declared.Add(EndpointScope.Organization);
        }

        if (endpoint.Metadata.GetMetadata<PlatformScopedAttribute>() is not null)
        {
            declared.Add(EndpointScope.Platform);
        }

        if (endpoint.Metadata.GetMetadata<AnswersAnywhereAttribute>() is not null)
        {
            declared.Add(EndpointScope.Anywhere);
        }

        return declared.Count == 1 ? declared[0] : EndpointScope.Unclassified;
    }
}
