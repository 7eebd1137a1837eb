namespace MarketEdge.TestPacks.Helper;

/// <summary>A pack's private dependency; on its own, an assembly with no pack type in it.</summary>
public static class PriceFormat
{
    public static string Pounds(decimal amount) => $"£{amount:0.00}";
}
