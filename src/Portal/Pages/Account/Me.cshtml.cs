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
public sealed class MeModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, CatalogDbContext catalog, TenantContext tenant, AuditLog audit)
    : PageModel
{
    [BindProperty]
    public NameForm NameInput { get; set; } = new();

    [BindProperty]
    public PasswordForm PasswordInput { get; set; } = new();

    public string Email { get; private set; } = "";

    public IReadOnlyList<MyMembership> Organizations { get; private set; } = [];

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
        TempData["Notice"] = "Name saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        var user = (await users.GetUserAsync(User))!;
        if (ValidateOnly(PasswordInput, nameof(PasswordInput)))
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
                // A new security stamp ends other sessions; this one is renewed, keeping where it was signed in.
                await signIn.SignInWithClaimsAsync(user, isPersistent: false, [SessionScope.ClaimFor(tenant)]);
                await audit.RecordAsync("account.password-changed", user.Id, cancellationToken: cancellationToken);
                TempData["Notice"] = "Password changed. Your other sessions will be signed out.";
                return RedirectToPage();
            }
        }

        NameInput.DisplayName = user.DisplayName;
        await LoadAsync(user, cancellationToken);
        return Page();
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
        Organizations = await catalog.Memberships.AsNoTracking()
            .Where(m => m.UserId == user.Id && m.Organization.Status == OrganizationStatus.Active)
            .OrderBy(m => m.Organization.Name)
            .Select(m => new MyMembership(m.Organization.Name, m.Organization.Slug, m.Role, m.Status))
            .ToListAsync(cancellationToken);
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
