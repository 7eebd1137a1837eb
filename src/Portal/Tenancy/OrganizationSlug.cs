using System.Text.RegularExpressions;

namespace MarketEdge.Portal.Tenancy;

/// <summary>The rules for an organization's slug: a lower-case DNS label of 3–40 characters that is not reserved.</summary>
public static partial class OrganizationSlug
{
    public const int MinLength = 3;
    public const int MaxLength = 40;

    /// <summary>Names the platform keeps for itself: they would shadow its own hosts.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin", "www", "api", "app", "mail", "o", "setup", "account", "health", "static", "assets", "errors",
    };

    public static bool IsWellFormed(string? candidate) =>
        candidate is { Length: >= MinLength and <= MaxLength } && DnsLabel().IsMatch(candidate);

    public static bool IsReserved(string candidate) => Reserved.Contains(candidate);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
