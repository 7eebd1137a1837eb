using System.Globalization;
using System.Security.Claims;

namespace MarketEdge.Portal.Identity.Support;

/// <summary>
/// What a support-access session carries besides the person's own claims: the super admin behind it (their account,
/// their own session to return to and how they had signed in), the organization it is for, why, and until when.
/// Read from the principal on every request: one answer to "is this someone viewing as someone else".
/// </summary>
public sealed record SupportGrant(
    Guid ByUserId, Guid BySessionId, string ByEmail, IReadOnlyList<string> ByMethods,
    Guid OrganizationId, string OrganizationSlug, string PersonName, string Reason, DateTimeOffset Until)
{
    private const string Prefix = "marketedge:support-";
    private const string ByType = Prefix + "by";
    private const string BySessionType = Prefix + "by-session";
    private const string ByEmailType = Prefix + "by-email";
    private const string ByMethodType = Prefix + "by-method";
    private const string OrganizationType = Prefix + "organization";
    private const string SlugType = Prefix + "slug";
    private const string PersonType = Prefix + "person";
    private const string ReasonType = Prefix + "reason";
    private const string UntilType = Prefix + "until";

    /// <summary>The claims of a session that is support access (kept when its cookie is issued again).</summary>
    public static bool IsItsClaim(Claim claim) => claim.Type.StartsWith(Prefix, StringComparison.Ordinal);

    public IEnumerable<Claim> ToClaims() =>
    [
        new(ByType, ByUserId.ToString()),
        new(BySessionType, BySessionId.ToString()),
        new(ByEmailType, ByEmail),
        .. ByMethods.Select(method => new Claim(ByMethodType, method)),
        new(OrganizationType, OrganizationId.ToString()),
        new(SlugType, OrganizationSlug),
        new(PersonType, PersonName),
        new(ReasonType, Reason),
        new(UntilType, Until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The grant a principal carries; null for a person's own session.</summary>
    public static SupportGrant? Of(ClaimsPrincipal? principal)
    {
        if (principal?.FindFirstValue(ByType) is not { } by)
        {
            return null;
        }

        return Guid.TryParse(by, out var byUserId)
            && Guid.TryParse(principal.FindFirstValue(BySessionType), out var bySession)
            && Guid.TryParse(principal.FindFirstValue(OrganizationType), out var organizationId)
            && long.TryParse(principal.FindFirstValue(UntilType), NumberStyles.None, CultureInfo.InvariantCulture, out var until)
                ? new SupportGrant(
                    byUserId, bySession, principal.FindFirstValue(ByEmailType) ?? "", [.. principal.FindAll(ByMethodType).Select(c => c.Value)],
                    organizationId, principal.FindFirstValue(SlugType) ?? "", principal.FindFirstValue(PersonType) ?? "",
                    principal.FindFirstValue(ReasonType) ?? "", DateTimeOffset.FromUnixTimeSeconds(until))
                : throw new InvalidOperationException("A support-access session lacks part of its grant."); // issued only by SupportAccess
    }
}
