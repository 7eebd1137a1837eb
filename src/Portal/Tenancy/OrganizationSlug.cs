using System.Globalization;
using System.Text;
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
        "admin", "www", "api", "app", "mail", "o", "setup", "account", "health", "static", "assets", "errors", "new",
    };

    public static bool IsWellFormed(string? candidate) =>
        candidate is { Length: >= MinLength and <= MaxLength } && DnsLabel().IsMatch(candidate);

    public static bool IsReserved(string candidate) => Reserved.Contains(candidate);

    /// <summary>A slug made from a name: "Odeon Cinémas Ltd." → "odeon-cinemas-ltd"; may still need checking.</summary>
    public static string Suggest(string? name)
    {
        var plain = new string((name ?? "").Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .ToArray()).ToLowerInvariant();
        var slug = NotSlugCharacters().Replace(plain, "-").Trim('-');
        return slug.Length > MaxLength ? slug[..MaxLength].TrimEnd('-') : slug;
    }

    /// <summary>Why <paramref name="candidate"/> cannot be a slug, or null when its form is fine (availability aside).</summary>
    public static string? Problem(string? candidate) => candidate switch
    {
        null or "" => "Choose a subdomain.",
        { Length: < MinLength } => $"Use at least {MinLength} characters.",
        { Length: > MaxLength } => $"Use at most {MaxLength} characters.",
        _ when !DnsLabel().IsMatch(candidate) => "Use lower-case letters, digits and hyphens only, not starting or ending with a hyphen.",
        _ when IsReserved(candidate) => $"“{candidate}” is reserved by the platform; choose another.",
        _ => null,
    };

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotSlugCharacters();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
