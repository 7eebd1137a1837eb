using System.Security.Claims;

namespace MarketEdge.Portal.Identity;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in account's id, or null for an anonymous visitor.</summary>
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
