namespace MarketEdge.Portal.TenantData;

/// <summary>Something the organization sells (a ticket type, a room type, a membership plan…).</summary>
public sealed class Offering
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Indicative price in pounds sterling.</summary>
    public decimal? TypicalPrice { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
