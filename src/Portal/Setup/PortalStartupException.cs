namespace MarketEdge.Portal.Setup;

/// <summary>A problem with this machine or its settings that stops the portal from starting, told in one line.</summary>
public sealed class PortalStartupException(string message) : Exception(message);
