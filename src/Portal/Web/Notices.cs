using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketEdge.Portal.Web;

/// <summary>
/// The short notice that confirms an action, shown by the layout's toast: an htmx answer carries it in its
/// HX-Trigger header (site.js shows it), a plain form's redirect keeps it for the page it lands on.
/// </summary>
public static class Notices
{
    public const string Key = "Notice";

    /// <summary>The event site.js listens for; its detail is the notice's text.</summary>
    public const string Event = "notice";

    public static void Notify(this PageModel page, string text)
    {
        if (page.Request.IsHtmx())
        {
            // JSON escapes every non-ASCII character, so the header stays ASCII whatever the text holds.
            page.Response.Headers["HX-Trigger"] = JsonSerializer.Serialize(new Dictionary<string, string> { [Event] = text });
        }
        else
        {
            page.TempData[Key] = text;
        }
    }
}
