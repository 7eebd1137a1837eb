namespace MarketEdge.Portal.Database;

/// <summary>Search text as a PostgreSQL (I)LIKE pattern: "contains", with %, _ and \ taken literally (escape character \).</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    public static string Containing(string text) =>
        $"%{text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
}
