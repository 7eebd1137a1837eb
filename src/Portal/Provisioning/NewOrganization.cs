using MarketEdge.Portal.Email;
using System.ComponentModel.DataAnnotations;
using MarketEdge.Portal.Catalog;

namespace MarketEdge.Portal.Provisioning;

/// <summary>What a super admin fills in to create an organization.</summary>
public sealed class NewOrganization
{
    [Required(ErrorMessage = "Enter the organization's name.")]
    [StringLength(Organization.NameMaxLength, ErrorMessage = "Keep the name under {1} characters.")]
    public string Name { get; set; } = "";

    /// <summary>Checked by <see cref="OrganizationCreator"/>: form, reserved words, availability.</summary>
    public string Slug { get; set; } = "";

    [Required(ErrorMessage = "Choose an industry pack.")]
    public string PackId { get; set; } = "";

    [Required(ErrorMessage = "Choose a SIC 2007 code: type its five digits or pick one from the list.")]
    public string SicCode { get; set; } = "";

    [Required(ErrorMessage = "Enter the email address of the organization's first admin.")]
    [MailboxAddress]
    [StringLength(Organization.EmailMaxLength, ErrorMessage = "Keep the email address under {1} characters.")]
    public string FirstAdminEmail { get; set; } = "";
}
