using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Database;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Domains;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages.Org;

public sealed record MemberRow(Guid UserId, string Name, string Email, MembershipRole Role, MembershipStatus Status, DateTimeOffset? LastSignInAt);

public sealed record InvitationRow(Guid Id, string Email, MembershipRole Role, string? InvitedBy, DateTimeOffset ExpiresAt);

public sealed record UsersPanel(
    IReadOnlyList<MemberRow> Members, IReadOnlyList<InvitationRow> Invitations, IReadOnlyList<JoinRequestRow> Requests, string? Query,
    string? Error = null, string? InviteEmail = null, string? ErrorField = null)
{
    /// <summary>The refusal's message when it belongs beside <paramref name="field"/> of the invite form.</summary>
    public string? ErrorFor(string field) => ErrorField == field ? Error : null;
}

/// <summary>
/// An organization's users, for its admins (and super admins): members with inline role changes,
/// deactivation and removal; pending invitations to re-send or revoke; the invite form. Every rule is
/// enforced by <see cref="MemberManagement"/>, whatever sends the request.
/// </summary>
[EnableRateLimiting(SignInLimitOptions.InvitationRateLimitPolicy)]
public sealed class UsersModel(CatalogDbContext catalog, TenantContext tenant, MemberManagement members, Identity.Invitations invitations, Joining joining) : PageModel
{
    public string OrganizationName => tenant.RequiredOrganization.Name;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public UsersPanel Panel { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await members.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        Panel = await PanelAsync(cancellationToken);
        Response.VaryOnHtmx();
        return Request.IsHtmx() ? Partial("_UsersPanel", Panel) : Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(string? email, string? role, CancellationToken cancellationToken) =>
        await ShowAsync(await members.InviteAsync(email, MembershipRoles.Parse(role), cancellationToken),
            $"Invitation sent to {email?.Trim()}.", cancellationToken, inviteEmail: email?.Trim() ?? "");

    public async Task<IActionResult> OnPostRoleAsync(Guid userId, string? role, CancellationToken cancellationToken) =>
        await ShowAsync(await members.ChangeRoleAsync(userId, MembershipRoles.Parse(role), cancellationToken), "Role changed.", cancellationToken);

    public async Task<IActionResult> OnPostDeactivateAsync(Guid userId, CancellationToken cancellationToken) =>
        await ShowAsync(await members.DeactivateAsync(userId, cancellationToken), "Deactivated: they are shut out from their next request.", cancellationToken);

    public async Task<IActionResult> OnPostReactivateAsync(Guid userId, CancellationToken cancellationToken) =>
        await ShowAsync(await members.ReactivateAsync(userId, cancellationToken), "Reactivated.", cancellationToken);

    public async Task<IActionResult> OnPostRemoveAsync(Guid userId, CancellationToken cancellationToken) =>
        await ShowAsync(await members.RemoveAsync(userId, cancellationToken), "Removed from the organization.", cancellationToken);

    public async Task<IActionResult> OnPostResendAsync(Guid invitationId, CancellationToken cancellationToken) =>
        await ShowAsync(await members.ResendAsync(invitationId, cancellationToken), "Invitation sent again; the earlier link no longer works.", cancellationToken);

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId, CancellationToken cancellationToken) =>
        await ShowAsync(await members.RevokeAsync(invitationId, cancellationToken), "Invitation withdrawn.", cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(Guid requestId, string? role, CancellationToken cancellationToken) =>
        await ShowAsync(await joining.DecideAsync(requestId, MembershipRoles.Parse(role), approve: true, cancellationToken), "Request approved: they are a member now.", cancellationToken);

    public async Task<IActionResult> OnPostDeclineAsync(Guid requestId, CancellationToken cancellationToken) =>
        await ShowAsync(await joining.DecideAsync(requestId, role: null, approve: false, cancellationToken), "Request declined.", cancellationToken);

    /// <summary>The panel again with the outcome; without htmx, success redirects (post/redirect/get) and a refusal shows the page.</summary>
    private async Task<IActionResult> ShowAsync(Refusal? refusal, string? notice, CancellationToken cancellationToken, string? inviteEmail = null)
    {
        if (refusal is { NotFound: true })
        {
            return NotFound();
        }

        if (refusal is not null && !await members.CanManageAsync(cancellationToken))
        {
            return Forbid();
        }

        Response.VaryOnHtmx();
        if (refusal is null && notice is not null)
        {
            this.Notify(notice);
        }

        if (refusal is null && !Request.IsHtmx())
        {
            return RedirectToPage();
        }

        Panel = await PanelAsync(cancellationToken) with
        {
            Error = refusal?.Message,
            ErrorField = inviteEmail is null ? null : refusal?.Field, // beside the invite form's fields; other forms show it above
            InviteEmail = refusal is null ? null : inviteEmail,
        };
        if (refusal is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return Request.IsHtmx() ? Partial("_UsersPanel", Panel) : Page();
    }

    private async Task<UsersPanel> PanelAsync(CancellationToken cancellationToken)
    {
        var organizationId = tenant.RequiredOrganization.Id;
        var memberships = catalog.Memberships.AsNoTracking().Where(m => m.OrganizationId == organizationId);
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var pattern = LikePattern.Containing(Query);
            memberships = memberships.Where(m => EF.Functions.ILike(m.User.DisplayName, pattern, LikePattern.Escape) || EF.Functions.ILike(m.User.Email!, pattern, LikePattern.Escape));
        }

        var rows = await memberships
            .OrderBy(m => m.User.DisplayName).ThenBy(m => m.User.Email)
            .Select(m => new MemberRow(m.UserId, m.User.DisplayName, m.User.Email!, m.Role, m.Status, m.User.LastSignInAt))
            .ToListAsync(cancellationToken);
        var pending = await invitations.Pending(organizationId).AsNoTracking()
            .OrderBy(i => i.Email)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Role,
                catalog.Users.Where(u => u.Id == i.InvitedByUserId).Select(u => u.Email).FirstOrDefault(), i.ExpiresAt))
            .ToListAsync(cancellationToken);
        return new UsersPanel(rows, pending, await joining.PendingAsync(cancellationToken), Query);
    }
}
