using MarketEdge.Portal.Web;
using System.ComponentModel.DataAnnotations;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MarketEdge.Portal.Pages.Account;

public sealed record MyMembership(string Name, string Slug, MembershipRole Role, MembershipStatus Status);

/// <summary>The signed-in person's own account: name, password, and the organizations they belong to.</summary>
[Authorize]
[AnswersAnywhere("My account is reachable from the platform and from each organization I belong to.")]
public sealed class MeModel(UserManager<PortalUser> users, PortalSignIn signIn, Sessions sessions, CatalogDbContext catalog, AuditLog audit)
    : PageModel
{
    [BindProperty]
    public NameForm NameInput { get; set; } = new();

    [BindProperty]
    public PasswordForm PasswordInput { get; set; } = new();

    public string Email { get; private set; } = "";

    public bool TwoFactorEnabled { get; private set; }

    public IReadOnlyList<MyMembership> Organizations { get; private set; } = [];

    public IReadOnlyList<OpenSession> OpenSessions { get; private set; } = [];

    /// <summary>This browser's session, marked in the list.</summary>
    public Guid? CurrentSession => PortalSignIn.SessionId(User);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        NameInput.DisplayName = user?.DisplayName ?? "";
        await LoadAsync(user!, cancellationToken);
    }

    public async Task<IActionResult> OnPostNameAsync(CancellationToken cancellationToken)
    {
        var user = (await users.GetUserAsync(User))!;
        if (!ValidateOnly(NameInput, nameof(NameInput)))
        {
            await LoadAsync(user, cancellationToken);
            return Page();
        }

        user.DisplayName = NameInput.DisplayName!.Trim();
        await users.UpdateAsync(user);
        this.Notify("Name saved.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        var user = (await users.GetUserAsync(User))!;
        if (ValidateOnly(PasswordInput, nameof(PasswordInput))
            && await signIn.VerifyPasswordAsync(user, PasswordInput.Current!, $"{nameof(PasswordInput)}.{nameof(PasswordForm.Current)}") is { } wrong)
        {
            ModelState.AddModelError(wrong.Field!, wrong.Message == SignInThrottle.WaitMessage ? wrong.Message : "That is not your current password.");
        }
        else if (ModelState.IsValid)
        {
            var changed = await users.ChangePasswordAsync(user, PasswordInput.Current!, PasswordInput.New!);
            foreach (var error in changed.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(PasswordForm.Current) : nameof(PasswordForm.New);
                ModelState.AddModelError($"{nameof(PasswordInput)}.{field}",
                    error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "That is not your current password." : error.Description);
            }

            if (changed.Succeeded)
            {
                await signIn.KeepOnlyThisSessionAsync(user, cancellationToken);
                await audit.RecordAsync("account.password-changed", user.Id, cancellationToken: cancellationToken);
                this.Notify("Password changed. Your other sessions have been signed out.");
                return RedirectToPage();
            }
        }

        NameInput.DisplayName = user.DisplayName;
        await LoadAsync(user, cancellationToken);
        return Page();
    }

    /// <summary>Signs out one of my sessions (another device); my own current one signs me out here.</summary>
    public async Task<IActionResult> OnPostEndSessionAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (sessionId == CurrentSession)
        {
            await signIn.SignOutAsync(cancellationToken);
            this.Notify("You have signed out.");
            return RedirectToPage("/Account/Login");
        }

        var ended = await sessions.EndAsync(sessionId, User.UserId()!.Value, cancellationToken);
        this.Notify(ended ? "That session is signed out." : "That session had already ended.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndAllSessionsAsync(CancellationToken cancellationToken)
    {
        await signIn.SignOutEverywhereAsync(cancellationToken);
        this.Notify("You have signed out everywhere.");
        return RedirectToPage("/Account/Login");
    }

    /// <summary>Two forms share the page: judge only the one that was posted.</summary>
    private bool ValidateOnly(object form, string prefix)
    {
        ModelState.Clear();
        return TryValidateModel(form, prefix);
    }

    private async Task LoadAsync(PortalUser user, CancellationToken cancellationToken)
    {
        Email = user.Email ?? "";
        TwoFactorEnabled = user.TwoFactorEnabled;
        Organizations = await catalog.Memberships.AsNoTracking()
            .Where(m => m.UserId == user.Id && m.Organization.Status == OrganizationStatus.Active)
            .OrderBy(m => m.Organization.Name)
            .Select(m => new MyMembership(m.Organization.Name, m.Organization.Slug, m.Role, m.Status))
            .ToListAsync(cancellationToken);
        OpenSessions = await sessions.OpenAsync(user.Id, cancellationToken);
    }

    public sealed class NameForm
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(PortalUser.DisplayNameMaxLength, ErrorMessage = "Keep your name under {1} characters.")]
        public string? DisplayName { get; set; }
    }

    public sealed class PasswordForm
    {
        [Required(ErrorMessage = "Enter your current password.")]
        public string? Current { get; set; }

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "Use at least {2} characters (and at most {1}).")]
        public string? New { get; set; }

        [Compare(nameof(New), ErrorMessage = "The two passwords differ.")]
        public string? Confirm { get; set; }
    }
}
