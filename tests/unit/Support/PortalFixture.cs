namespace MarketEdge.Portal.Tests.Support;

/// <summary>One bootstrapped portal shared by a test class; tests keep apart by using organizations and accounts of their own.</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public PortalFactory Portal { get; private set; } = null!;

    public async Task InitializeAsync() => Portal = await PortalFactory.CreateAsync();

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}
