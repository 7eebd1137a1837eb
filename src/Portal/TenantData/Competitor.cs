namespace MarketEdge.Portal.TenantData;

/// <summary>A business the organization watches.</summary>
public sealed class Competitor
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public string? Location { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
