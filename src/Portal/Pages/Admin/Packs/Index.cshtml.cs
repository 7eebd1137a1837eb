using MarketEdge.Portal.IndustryPacks;
using MarketEdge.Portal.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Pages.Admin.Packs;

/// <summary>Every industry pack the portal found, loaded or failed with its reason, and a SIC 2007 look-up.</summary>
public sealed class IndexModel(PackRegistry registry, SicCatalogue sic, SicSearch search, IOptions<IndustryPackOptions> options) : PageModel
{
    public PackRegistry Registry => registry;

    public SicCatalogue Sic => sic;

    public string Directory => options.Value.Directory;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Null until something is searched for.</summary>
    public IReadOnlyList<SicMatch>? Results { get; private set; }

    public IActionResult OnGet()
    {
        Results = string.IsNullOrWhiteSpace(Query) ? null : search.Search(Query);
        Response.VaryOnHtmx();
        return Request.IsHtmx() ? Partial("_SicResults", Results) : Page();
    }
}
