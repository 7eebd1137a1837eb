using System.Globalization;

namespace MarketEdge.Portal.Web;

/// <summary>Turns a pack's singular, lower-case terms into headings: "competitor cinema" → "Competitor cinemas".</summary>
public static class Words
{
    public static string Plural(string term) =>
        term.EndsWith('y') && term.Length > 1 && !"aeiou".Contains(term[^2]) ? term[..^1] + "ies"
        : term.EndsWith('s') || term.EndsWith('x') || term.EndsWith("ch") || term.EndsWith("sh") ? term + "es"
        : term + "s";

    public static string Capitalized(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
}
