using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity.Bulk;
using MarketEdge.Portal.Web;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Identity;

/// <summary>An organization's people as CSV: for its admins' download from Users, and for its export archive.</summary>
public sealed class OrganizationPeople(CatalogDbContext catalog, Invitations invitations)
{
    /// <summary>The columns of an invitation list plus status and last sign-in, so the file can be sent back as a list.</summary>
    public static readonly IReadOnlyList<string> Header = [.. InvitationCsv.Columns, "status", "last_sign_in"];

    public static readonly IReadOnlyList<string> InvitationsHeader = ["email", "name", "role", "status", "invited_by", "invited_at_utc", "expires_at_utc"];

    /// <summary>Members and pending invitations.</summary>
    public async Task<byte[]> CsvAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var members = await catalog.Memberships.AsNoTracking().Where(m => m.OrganizationId == organizationId)
            .OrderBy(m => m.User.Email)
            .Select(m => new { m.User.Email, m.User.DisplayName, m.Role, m.Status, m.User.LastSignInAt })
            .ToListAsync(cancellationToken);
        var invited = await invitations.Pending(organizationId).AsNoTracking()
            .OrderBy(i => i.Email)
            .Select(i => new { i.Email, i.DisplayName, i.Role })
            .ToListAsync(cancellationToken);

        var records = members.Select(m => (IReadOnlyList<string?>)[m.Email, m.DisplayName, m.Role.ToString(), m.Status.ToString(), m.LastSignInAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm") ?? ""])
            .Concat(invited.Select(i => (IReadOnlyList<string?>)[i.Email, i.DisplayName ?? "", i.Role.ToString(), "Invited", ""]));
        return SpreadsheetCsv.Write(Header, records);
    }

    /// <summary>Every invitation ever sent, with what became of it.</summary>
    public async Task<byte[]> InvitationsCsvAsync(Guid organizationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = await catalog.Invitations.AsNoTracking().Where(i => i.OrganizationId == organizationId)
            .OrderBy(i => i.CreatedAt)
            .Select(i => new
            {
                i.Email, i.DisplayName, i.Role, i.AcceptedAt, i.RevokedAt, i.CreatedAt, i.ExpiresAt,
                InvitedBy = catalog.Users.Where(u => u.Id == i.InvitedByUserId).Select(u => u.Email).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return SpreadsheetCsv.Write(InvitationsHeader, all.Select(i => (IReadOnlyList<string?>)
        [
            i.Email, i.DisplayName ?? "", i.Role.ToString(),
            i.AcceptedAt is not null ? "Accepted" : i.RevokedAt is not null ? "Revoked" : i.ExpiresAt <= now ? "Expired" : "Pending",
            i.InvitedBy ?? "", i.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm"), i.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm"),
        ]));
    }
}
