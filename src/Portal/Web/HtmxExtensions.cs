namespace MarketEdge.Portal.Web;

/// <summary>Tells htmx's requests (which want a fragment) from ordinary ones (which want the page).</summary>
public static class HtmxExtensions
{
    public static bool IsHtmx(this HttpRequest request) => request.Headers["HX-Request"] == "true";

    /// <summary>The same URL answers with a page or a fragment, so caches must key on the header too.</summary>
    public static void VaryOnHtmx(this HttpResponse response) => response.Headers.Append("Vary", "HX-Request");
}
