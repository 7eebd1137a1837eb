using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace MarketEdge.Portal.Identity.Sso;

/// <summary>Carries why single sign-on failed to the sign-in page (through TempData, never through the URL).</summary>
public static class SsoErrors
{
    public const string Key = "SsoError";

    public static void Remember(HttpContext context, string message)
    {
        var tempData = context.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context);
        tempData[Key] = message;
        tempData.Save();
    }
}
