using System.ComponentModel.DataAnnotations;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages.Invitations;

/// <summary>
/// Accepts an emailed invitation: a new person chooses a name and password, an existing account
/// confirms its password; either way the membership is added, the invitation used up, and the person
/// signed in on the organization's subdomain.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInLimitOptions.RateLimitPolicy)]
[AnswersAnywhere("An invitation is accepted on its organization's subdomain by someone not yet a member.", OpenToNonMembers = true)]
public sealed class AcceptModel(
    CatalogDbContext catalog, UserManager<PortalUser> users, PortalSignIn signIn, Identity.Invitations invitations, TenantContext tenant, TimeProvider clock,
    Microsoft.Extensions.Options.IOptionsMonitor<Identity.Sso.OidcOptions> oidc)
    : PageModel
{
    public Identity.Sso.OidcOptions Sso => oidc.Get(Identity.Sso.OidcOptions.Scheme);

    /// <summary>Signed in (by password or single sign-on) with the invited address: accepting needs nothing more.</summary>
    public bool SignedInAsInvited { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public AcceptInput Input { get; set; } = new();

    public Invitation? Invitation { get; private set; }

    public string OrganizationName { get; private set; } = "";

    public bool HasAccount { get; private set; }

    public string Problem { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input.DisplayName ??= Invitation?.DisplayName; // the name the inviter gave, theirs to change
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Page();
        }

        var invitation = Invitation!;
        var user = await users.FindByEmailAsync(invitation.Email);
        if (SignedInAsInvited && user is not null)
        {
            return await AcceptAsync(invitation, user, newcomer: null, cancellationToken);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (user is null)
        {
            if (string.IsNullOrWhiteSpace(Input.DisplayName))
            {
                ModelState.AddModelError("Input.DisplayName", "Enter your name.");
                return Page();
            }

            return await AcceptAsync(invitation, null, new NewAccount(Input.DisplayName.Trim(), Input.Password ?? ""), cancellationToken);
        }

        if (await signIn.VerifyPasswordAsync(user, Input.Password ?? "", "Input.Password") is { } wrong)
        {
            return Refuse(wrong);
        }

        return await AcceptAsync(invitation, user, newcomer: null, cancellationToken);
    }

    private async Task<IActionResult> AcceptAsync(Invitation invitation, PortalUser? user, NewAccount? newcomer, CancellationToken cancellationToken)
    {
        var (accepted, refusal) = await invitations.AcceptAsync(invitation, user, newcomer, cancellationToken);
        if (refusal is not null)
        {
            return Refuse(refusal);
        }

        if (SignedInAsInvited)
        {
            await signIn.SignInAgainAsync(accepted!, cancellationToken);
        }
        else if (await signIn.SignInWithPasswordAsync(accepted!, cancellationToken))
        {
            return RedirectToPage("/Account/Login", new { secondStep = true });
        }

        return LocalRedirect(Url.Content("~/"));
    }

    private PageResult Refuse(Refusal refusal)
    {
        ModelState.AddModelError(refusal.Field ?? "", refusal.Message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Finds a usable invitation for this organization; otherwise says plainly why not.</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var hash = string.IsNullOrEmpty(Token) ? "" : Identity.Invitations.Hash(Token);
        var invitation = await catalog.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        var now = clock.GetUtcNow();
        Problem = invitation switch
        {
            null => "This invitation link is not valid. Check that the whole link was copied, or ask for a new invitation.",
            _ when tenant.Organization?.Id != invitation.OrganizationId => "This invitation link is not valid here. Open it exactly as it was sent.",
            { AcceptedAt: not null } => "This invitation has already been used. Sign in instead.",
            { RevokedAt: not null } => "This invitation was withdrawn. Ask your administrator for a new one.",
            _ when invitation.ExpiresAt <= now => "This invitation has expired. Ask your administrator to send it again.",
            _ when User.Identity?.IsAuthenticated == true && !string.Equals(User.Identity.Name, invitation.Email, StringComparison.OrdinalIgnoreCase) =>
                $"You are signed in as {User.Identity.Name}, but this invitation is for {invitation.Email}. Sign out, then open the link again.",
            _ => "",
        };
        if (Problem.Length > 0)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return false;
        }

        Invitation = invitation;
        OrganizationName = tenant.RequiredOrganization.Name;
        SignedInAsInvited = User.Identity?.IsAuthenticated == true && string.Equals(User.Identity.Name, invitation!.Email, StringComparison.OrdinalIgnoreCase);
        HasAccount = await users.FindByEmailAsync(invitation!.Email) is not null;
        return true;
    }

    public sealed class AcceptInput
    {
        [StringLength(PortalUser.DisplayNameMaxLength, ErrorMessage = "Keep your name under {1} characters.")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Enter a password.")]
        public string? Password { get; set; }
    }
}
