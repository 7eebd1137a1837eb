using Microsoft.AspNetCore.Identity;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// The hash a sign-in verifies when there is no account (or no password) to check: made once, by the same
/// hasher that verifies real ones and so at their cost, so an unknown address takes as long to refuse as a known one.
/// </summary>
public sealed class StandInPasswordHash
{
    private string? _hash;

    public string MadeBy(IPasswordHasher<PortalUser> hasher) =>
        _hash ??= hasher.HashPassword(new PortalUser(), Guid.NewGuid().ToString());
}
