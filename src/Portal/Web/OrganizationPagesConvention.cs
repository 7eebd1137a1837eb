using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace MarketEdge.Portal.Web;

/// <summary>
/// Pages/Org/X answers at /X inside an organization: the folder name is dropped from its routes,
/// because the organization is already in the host or the /o/{slug} prefix.
/// </summary>
public static class OrganizationPagesConvention
{
    public const string Folder = "/Org";

    public static void DropFolderFromRoutes(PageRouteModel page)
    {
        var folderSegment = Folder.TrimStart('/');
        foreach (var selector in page.Selectors)
        {
            var template = selector.AttributeRouteModel?.Template;
            if (template is not null && template.StartsWith(folderSegment, StringComparison.OrdinalIgnoreCase))
            {
                selector.AttributeRouteModel!.Template = template[folderSegment.Length..].TrimStart('/');
            }
        }
    }
}
