using System.Globalization;
using System.Reflection;

namespace MarketEdge.Portal.Identity.Domains;

/// <summary>
/// Email domains as organizations claim them: typed by an Admin (<c>Odeon.co.uk</c>, <c>bücher.de</c>) and kept
/// in one form, lower case and ASCII, so that an address's domain compares with it exactly; and the public mail
/// domains (gmail.com and the like, <c>public-mail-domains.txt</c>) that nobody may claim.
/// </summary>
public static class EmailDomains
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    private static readonly HashSet<string> Public = LoadPublic();

    /// <summary>The domain in its one stored form, or why <paramref name="typed"/> is not a domain one may claim.</summary>
    public static (string? Domain, string? Problem) Normalize(string? typed)
    {
        var text = typed?.Trim().TrimEnd('.') ?? "";
        if (text.Length == 0)
        {
            return (null, "Enter a domain, like odeon.co.uk.");
        }

        if (text.Contains('@') || text.Contains('/') || text.Contains(':'))
        {
            return (null, "Enter the domain alone, like odeon.co.uk: no address, no https://.");
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return (null, "Enter a domain, like odeon.co.uk: letters, digits, hyphens and dots only.");
        }

        var labels = ascii.Split('.');
        if (ascii.Length > Catalog.OrganizationDomain.DomainMaxLength || labels.Length < 2 || labels[^1].All(char.IsAsciiDigit))
        {
            return (null, "Enter a domain, like odeon.co.uk: a name and its ending, with a dot between.");
        }

        return IsPublic(ascii)
            ? (null, $"{ascii} is a public mail domain: anyone can have an address there, so no organization can claim it.")
            : (ascii, null);
    }

    /// <summary>The domain of an address, in the form <see cref="Normalize"/> stores; null when it has none.</summary>
    public static string? Of(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        return at < 0 || at == email!.Length - 1 ? null : email[(at + 1)..].ToLowerInvariant();
    }

    public static bool IsPublic(string domain) => Public.Contains(domain);

    private static HashSet<string> LoadPublic()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MarketEdge.Portal.Identity.Domains.public-mail-domains.txt")
            ?? throw new InvalidOperationException("The list of public mail domains is not embedded in the portal.");
        using var reader = new StreamReader(stream);
        var domains = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } domain && !domain.StartsWith('#'))
            {
                domains.Add(domain.ToLowerInvariant());
            }
        }

        return domains;
    }
}
