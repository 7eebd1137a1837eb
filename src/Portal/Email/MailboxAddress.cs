using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace MarketEdge.Portal.Email;

/// <summary>
/// What the portal accepts as an email address: one plain address (no display name, no list) that
/// <see cref="MailAddress"/> — what the delivery job sends with — parses back to exactly the same text,
/// within the lengths mail servers allow, in plain ASCII without quotes, spaces or address literals (what
/// every SMTP server delivers, and what an account name may hold). Anything else would be stored, then fail
/// at delivery or at accepting.
/// </summary>
public static class MailboxAddress
{
    public const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    public const string Invalid = "Enter one valid email address, like name@example.com.";

    /// <summary>Why <paramref name="candidate"/> (already trimmed) is not an address to send to, or null when it is.</summary>
    public static string? Problem(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate))
        {
            return "Enter an email address.";
        }

        if (candidate.Length > MaxLength)
        {
            return $"Use an email address of at most {MaxLength} characters.";
        }

        return candidate.All(c => char.IsAscii(c) && !char.IsControl(c) && c is not ('"' or '\'' or ' ' or '[' or ']'))
            && MailAddress.TryCreate(candidate, out var parsed)
            && parsed.Address == candidate
            && parsed.DisplayName.Length == 0
            && parsed.User.Length <= MaxLocalPartLength
            && parsed.Host.Contains('.', StringComparison.Ordinal)
            && !parsed.Host.Contains("..", StringComparison.Ordinal)
            && !parsed.User.Contains("..", StringComparison.Ordinal)
            ? null
            : Invalid;
    }
}

/// <summary>A form field that must hold one deliverable address (see <see cref="MailboxAddress"/>); surrounding spaces are ignored.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MailboxAddressAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null || (value is string text && text.Length == 0)
            ? ValidationResult.Success // [Required] says what is missing
            : MailboxAddress.Problem((value as string)?.Trim()) is { } problem
                ? new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : null)
                : ValidationResult.Success;
}
