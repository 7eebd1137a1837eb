namespace MarketEdge.Portal.Tests.Support;

/// <summary>The real clock, moved forward by whatever a test adds: time still flows (background jobs run), and a day can pass at once.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private TimeSpan _shift;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;

    public void Advance(TimeSpan by) => _shift += by;
}
