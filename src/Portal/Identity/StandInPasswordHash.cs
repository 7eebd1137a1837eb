using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Identity;

/// <summary>
/// The hash a sign-in verifies when there is no account (or no password) to check: made once, at the cost
/// configured for real hashes, so an unknown address takes as long to refuse as a known one.
/// </summary>
public sealed class StandInPasswordHash(IOptions<PasswordHasherOptions> hashing)
{
    private readonly Lazy<string> _hash = new(() =>
        new PasswordHasher<PortalUser>(hashing).HashPassword(new PortalUser(), Guid.NewGuid().ToString()));

    public string Value => _hash.Value;
}
