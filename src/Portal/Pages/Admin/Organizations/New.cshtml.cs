using MarketEdge.Portal.Identity;
using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Provisioning;
using MarketEdge.Portal.Tenancy;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Pages.Admin.Organizations;

/// <summary>
/// Create an organization. Works as a plain form; with htmx the subdomain is suggested from the name and
/// checked as you type, SIC codes are searched as you type, choosing one suggests its pack, and a
/// chosen pack narrows the codes offered.
/// </summary>
public sealed class NewModel(OrganizationCreator creator, PackRegistry packs, SicSearch search, SicCatalogue sic, IOptions<TenancyOptions> tenancy)
    : PageModel
{
    [BindProperty]
    public NewOrganization Input { get; set; } = new();

    [BindProperty]
    public bool SlugEdited { get; set; }

    public SlugFieldModel SlugField { get; private set; } = null!;

    public PackSelectModel PackSelect { get; private set; } = null!;

    public SicFieldModel SicField { get; private set; } = null!;

    public void OnGet() => Describe([]);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.Slug = Input.Slug?.Trim() ?? "";
        var problems = await creator.CheckAsync(Input, cancellationToken);
        foreach (var problem in problems)
        {
            ModelState.AddModelError($"{nameof(Input)}.{problem.Field}", problem.Message);
        }

        if (!ModelState.IsValid)
        {
            Describe(problems);
            return Page();
        }

        var organization = await creator.CreateAsync(Input, User.UserId(), cancellationToken);
        if (organization is null)
        {
            problems.Add(new Refusal($"“{Input.Slug}” was taken a moment ago; choose another.", nameof(NewOrganization.Slug)));
            Describe(problems);
            return Page();
        }

        return RedirectToPage("Details", new { slug = organization.Slug });
    }

    /// <summary>The subdomain field again, suggested from the name unless the person typed their own.</summary>
    public async Task<IActionResult> OnGetSlugFieldAsync(
        [FromQuery(Name = "Input.Name")] string? name,
        [FromQuery(Name = "Input.Slug")] string? slug,
        [FromQuery(Name = "SlugEdited")] bool slugEdited,
        CancellationToken cancellationToken)
    {
        var value = slugEdited ? slug ?? "" : OrganizationSlug.Suggest(name);
        var problem = value.Length == 0 ? null : await creator.SlugProblemAsync(value, cancellationToken);
        return Fragment("_SlugField", new SlugFieldModel(value, problem, slugEdited, tenancy.Value.RootDomain));
    }

    /// <summary>Whether the typed subdomain can be had; from now on the name no longer changes it.</summary>
    public async Task<IActionResult> OnGetSlugStatusAsync([FromQuery(Name = "Input.Slug")] string? typed, CancellationToken cancellationToken)
    {
        var slug = typed?.Trim() ?? "";
        var problem = slug.Length == 0 ? null : await creator.SlugProblemAsync(slug, cancellationToken);
        return Fragment("_SlugStatus", new SlugFieldModel(slug, problem, Edited: true, tenancy.Value.RootDomain, MarkEdited: true));
    }

    public IActionResult OnGetSicOptions([FromQuery(Name = "Input.SicCode")] string? query, [FromQuery(Name = "Input.PackId")] string? packId)
    {
        var pack = packs.Find(packId);
        var searched = !string.IsNullOrWhiteSpace(query);
        var matches = searched || pack is not null ? search.Search(query, pack?.Pack.Id) : [];
        return Fragment("_SicOptions", new SicOptionsModel(matches, searched, pack?.Pack.DisplayName));
    }

    /// <summary>A code picked from the list: the field shows it, and an unchosen pack becomes the code's suggested one.</summary>
    public IActionResult OnGetChooseSic(string code, [FromQuery(Name = "Input.PackId")] string? packId)
    {
        var chosen = sic.Find(code) is { } found ? new SicMatch(found, packs.Covering(found.Code)) : null;
        if (string.IsNullOrEmpty(packId) && chosen?.Packs.FirstOrDefault() is { } suggested)
        {
            var withPack = (new SicFieldModel(code, chosen, null), new PackSelectModel(packs.Loaded, suggested.Pack.Id, null, OutOfBand: true));
            return Fragment("_SicChoice", withPack);
        }

        return Fragment("_SicField", new SicFieldModel(code, chosen, chosen is null ? "Not a UK SIC 2007 code." : null));
    }

    private PartialViewResult Fragment(string name, object model)
    {
        Response.VaryOnHtmx();
        return Partial(name, model);
    }

    private void Describe(IReadOnlyList<Refusal> problems)
    {
        string? For(string field) => problems.FirstOrDefault(p => p.Field == field)?.Message;
        SlugField = new SlugFieldModel(Input.Slug, For(nameof(NewOrganization.Slug)), SlugEdited, tenancy.Value.RootDomain);
        PackSelect = new PackSelectModel(packs.Loaded, Input.PackId, For(nameof(NewOrganization.PackId))
            ?? ModelState[$"{nameof(Input)}.{nameof(NewOrganization.PackId)}"]?.Errors.FirstOrDefault()?.ErrorMessage);
        var chosen = sic.Find(Input.SicCode) is { } code ? new SicMatch(code, packs.Covering(code.Code)) : null;
        SicField = new SicFieldModel(Input.SicCode, chosen, For(nameof(NewOrganization.SicCode))
            ?? ModelState[$"{nameof(Input)}.{nameof(NewOrganization.SicCode)}"]?.Errors.FirstOrDefault()?.ErrorMessage);
    }
}
